using System.Collections.Concurrent;
using k8s;
using k8s.Models;

namespace Scim.Api.Tests.Deployment.Manifests;

/// <summary>
/// One kustomization under k8s/ as <c>kubectl kustomize</c> builds it (on a <see cref="KustomizeCopy"/>), typed, with
/// the cross-reference look-ups the tests need. Each kustomization is built once per test run.
/// </summary>
internal sealed class ComposedManifests
{
    private static readonly ConcurrentDictionary<string, Lazy<ComposedManifests>> Built = new(StringComparer.Ordinal);

    public ComposedManifests(string root, string yaml)
    {
        Kustomization = Kustomization.Load(RepositoryFiles.PathOf(root));
        Objects = KubernetesObjects.LoadAll(yaml);
    }

    /// <summary>Every folder under k8s/ with a kustomization.yaml, relative to the repository root.</summary>
    public static IReadOnlyList<string> Roots { get; } =
        Directory.GetFiles(RepositoryFiles.PathOf("k8s"), Kustomization.FileName, SearchOption.AllDirectories)
            .Select(f => RepositoryFiles.Relative(Path.GetDirectoryName(f)!))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>What the repository's kustomization.yaml files name (the build is Kustomize's).</summary>
    public Kustomization Kustomization { get; }

    public IReadOnlyList<object> Objects { get; }

    /// <summary>The kustomization at <paramref name="root"/> (e.g. <c>k8s/overlays/prod</c>), built by kubectl.</summary>
    public static ComposedManifests Of(string root) => Built.GetOrAdd(root, r => new Lazy<ComposedManifests>(() =>
    {
        using var copy = new KustomizeCopy();
        return new ComposedManifests(r, copy.Build(r));
    })).Value;

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

    /// <summary>The keys of a Secret the build produces: those its ExternalSecret writes, or those of the generated Secret.</summary>
    public IReadOnlyList<string> SecretKeys(string secretName)
    {
        var external = All<ExternalSecret>().Where(e => (e.Spec?.Target?.Name ?? e.Metadata?.Name) == secretName).ToList();
        if (external.Count > 0)
        {
            return external.SelectMany(e => e.Spec?.Data ?? []).Select(d => d.SecretKey ?? "").ToList();
        }

        return Named<V1Secret>(secretName).Data?.Keys.ToList() ?? [];
    }

    /// <summary>The names of the Secrets this build produces: those in its output and those an ExternalSecret writes.</summary>
    public IReadOnlySet<string> ProducedSecrets() =>
        All<V1Secret>().Select(s => s.Metadata.Name)
            .Concat(All<ExternalSecret>().Select(e => e.Spec?.Target?.Name ?? e.Metadata?.Name ?? ""))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The Secrets of the output that no secretGenerator made: they come from committed manifests.</summary>
    public IEnumerable<V1Secret> CommittedSecrets()
    {
        var generated = Kustomization.AllSecretGenerators().Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
        return All<V1Secret>().Where(s => !generated.Contains(s.Metadata.Name));
    }
}
