using k8s;
using k8s.Models;

namespace Scim.Api.Tests.Deployment.Kustomize;

/// <summary>One kustomization under k8s/, composed and typed, with the cross-reference look-ups the tests need.</summary>
internal sealed class ComposedManifests
{
    private static readonly Dictionary<string, ComposedManifests> Cache = new(StringComparer.Ordinal);

    private ComposedManifests(KustomizeOutput output)
    {
        Output = output;
        Objects = KubernetesObjects.LoadAll(output.Objects);
    }

    /// <summary>Every folder under k8s/ with a kustomization.yaml, relative to the repository root.</summary>
    public static IReadOnlyList<string> Roots { get; } =
        Directory.GetFiles(RepositoryFiles.PathOf("k8s"), "kustomization.yaml", SearchOption.AllDirectories)
            .Select(f => RepositoryFiles.Relative(Path.GetDirectoryName(f)!))
            .Order(StringComparer.Ordinal)
            .ToList();

    public KustomizeOutput Output { get; }

    public IReadOnlyList<object> Objects { get; }

    public static ComposedManifests Of(string root)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(root, out var composed))
            {
                composed = new ComposedManifests(KustomizeBuild.Run(root));
                Cache[root] = composed;
            }

            return composed;
        }
    }

    public IEnumerable<T> All<T>() => Objects.OfType<T>();

    public T Named<T>(string name)
        where T : IMetadata<V1ObjectMeta> =>
        Assert.Single(All<T>(), o => o.Metadata.Name == name);

    /// <summary>The pod template of every workload kind the repository uses.</summary>
    public IEnumerable<(string Workload, V1PodTemplateSpec Template)> PodTemplates()
    {
        foreach (var o in Objects)
        {
            switch (o)
            {
                case V1Deployment d:
                    yield return ($"Deployment/{d.Metadata.Name}", d.Spec.Template);
                    break;
                case V1StatefulSet s:
                    yield return ($"StatefulSet/{s.Metadata.Name}", s.Spec.Template);
                    break;
                case V1DaemonSet ds:
                    yield return ($"DaemonSet/{ds.Metadata.Name}", ds.Spec.Template);
                    break;
                case V1Job j:
                    yield return ($"Job/{j.Metadata.Name}", j.Spec.Template);
                    break;
                case V1CronJob c:
                    yield return ($"CronJob/{c.Metadata.Name}", c.Spec.JobTemplate.Spec.Template);
                    break;
            }
        }
    }

    /// <summary>The environment a container gets from literal env entries and the ConfigMaps it imports whole.</summary>
    public IReadOnlyDictionary<string, string> PlainEnvironment(V1Container container)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in container.EnvFrom ?? [])
        {
            if (source.ConfigMapRef is { } reference)
            {
                foreach (var (key, value) in Named<V1ConfigMap>(reference.Name).Data ?? new Dictionary<string, string>())
                {
                    environment[(source.Prefix ?? "") + key] = value;
                }
            }
        }

        foreach (var variable in container.Env ?? [])
        {
            if (variable.Value is not null)
            {
                environment[variable.Name] = variable.Value;
            }
        }

        return environment;
    }

    /// <summary>
    /// Every environment variable name a container gets: literal and referenced env entries, and the keys of the
    /// ConfigMaps and Secrets it imports whole (for a Secret: the keys its ExternalSecret writes, or those of the
    /// committed <c>.example</c> of the file its generator reads).
    /// </summary>
    public IReadOnlyList<string> EnvironmentNames(V1Container container)
    {
        var names = new List<string>(container.Env?.Select(e => e.Name) ?? []);
        foreach (var source in container.EnvFrom ?? [])
        {
            IEnumerable<string> keys = source.ConfigMapRef is { } configMap
                ? Named<V1ConfigMap>(configMap.Name).Data?.Keys ?? []
                : SecretKeys(source.SecretRef.Name);
            names.AddRange(keys.Select(k => (source.Prefix ?? "") + k));
        }

        return names;
    }

    public IReadOnlyList<string> SecretKeys(string secretName)
    {
        var external = All<ExternalSecret>().Where(e => (e.Spec?.Target?.Name ?? e.Metadata?.Name) == secretName).ToList();
        if (external.Count > 0)
        {
            return external.SelectMany(e => e.Spec?.Data ?? []).Select(d => d.SecretKey ?? "").ToList();
        }

        var generated = Assert.Single(Output.GeneratedSecrets, g => g.Name == secretName);
        return generated.EnvFiles.SelectMany(file => EnvFile.Keys(file + ".example")).ToList();
    }

    /// <summary>The names of the Secrets this build produces: generated ones and those an ExternalSecret writes.</summary>
    public IReadOnlySet<string> ProducedSecrets() =>
        Output.GeneratedSecrets.Select(g => g.Name)
            .Concat(All<ExternalSecret>().Select(e => e.Spec?.Target?.Name ?? e.Metadata?.Name ?? ""))
            .Concat(All<V1Secret>().Select(s => s.Metadata.Name))
            .ToHashSet(StringComparer.Ordinal);
}

/// <summary>A Kustomize env file: KEY=value lines, # comments.</summary>
internal static class EnvFile
{
    public static IReadOnlyList<string> Keys(string path) =>
        File.ReadAllLines(path)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2)[0])
            .ToList();
}
