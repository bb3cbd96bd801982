using k8s.Models;
using Scim.Api.Tests.Deployment.Manifests;

namespace Scim.Api.Tests.Deployment;

/// <summary>No secret value is in the repository; every Secret a pod needs is produced by the same build.</summary>
public sealed class KubernetesSecretTests
{
    [Theory]
    [MemberData(nameof(KubernetesRoots.All), MemberType = typeof(KubernetesRoots))]
    public void NoCommittedManifest_HoldsASecretValue(string root)
    {
        var manifests = ComposedManifests.Of(root);

        Assert.All(manifests.CommittedSecrets(), s => Assert.Null(s.Data));
        Assert.All(manifests.CommittedSecrets(), s => Assert.Null(s.StringData));
        Assert.All(manifests.Kustomization.AllSecretGenerators(), g => Assert.False(g.HasLiterals, $"secretGenerator {g.Name} has literals: values in the repository"));
        Assert.All(manifests.All<V1ConfigMap>().SelectMany(c => c.Data ?? new Dictionary<string, string>()),
            entry => Assert.DoesNotMatch("(?i)(password|secret|hash|connectionstring)", entry.Key));
    }

    [Theory]
    [MemberData(nameof(KubernetesRoots.All), MemberType = typeof(KubernetesRoots))]
    public void SecretGeneratorSources_AreIgnoredByGit_AndEnvFilesHaveACommittedExample(string root)
    {
        var ignored = GitIgnorePatterns(RepositoryFiles.PathOf("k8s/.gitignore"));
        foreach (var secret in Kustomization.Load(RepositoryFiles.PathOf(root)).AllSecretGenerators())
        {
            foreach (var source in secret.EnvFiles.Concat(secret.Files))
            {
                Assert.True(ignored.Any(p => System.IO.Enumeration.FileSystemName.MatchesSimpleExpression(p, Path.GetFileName(source))),
                    $"{RepositoryFiles.Relative(source)} (secretGenerator {secret.Name}) is not ignored by k8s/.gitignore");
            }

            Assert.All(secret.EnvFiles, file => Assert.True(File.Exists(file + ".example"), $"{RepositoryFiles.Relative(file)}.example is missing"));
        }
    }

    [Theory]
    [MemberData(nameof(KubernetesRoots.Deployable), MemberType = typeof(KubernetesRoots))]
    public void EverySecretAndConfigMapAPodUses_IsProducedByTheSameBuild(string root)
    {
        var manifests = ComposedManifests.Of(root);
        var secrets = manifests.ProducedSecrets();
        var configMaps = manifests.All<V1ConfigMap>().Select(c => c.Metadata.Name).ToHashSet(StringComparer.Ordinal);

        foreach (var (workload, template) in manifests.PodTemplates())
        {
            var spec = template.Spec;
            var containers = KubernetesWorkloadSecurityTests.AllContainers(spec).ToList();
            var usedSecrets = containers.SelectMany(c => c.EnvFrom ?? []).Where(e => e.SecretRef is not null).Select(e => e.SecretRef.Name)
                .Concat(containers.SelectMany(c => c.Env ?? []).Select(e => e.ValueFrom?.SecretKeyRef?.Name).OfType<string>())
                .Concat((spec.Volumes ?? []).Select(v => v.Secret?.SecretName).OfType<string>());
            var usedConfigMaps = containers.SelectMany(c => c.EnvFrom ?? []).Where(e => e.ConfigMapRef is not null).Select(e => e.ConfigMapRef.Name)
                .Concat((spec.Volumes ?? []).Select(v => v.ConfigMap?.Name).OfType<string>());

            Assert.All(usedSecrets, s => Assert.True(secrets.Contains(s), $"{workload} uses Secret {s}, which {root} does not produce"));
            Assert.All(usedConfigMaps, c => Assert.True(configMaps.Contains(c), $"{workload} uses ConfigMap {c}, which {root} does not define"));
        }
    }

    [Theory]
    [MemberData(nameof(KubernetesRoots.Deployable), MemberType = typeof(KubernetesRoots))]
    public void EverySecretKeyAContainerReads_IsOneTheSecretHolds(string root)
    {
        var manifests = ComposedManifests.Of(root);
        foreach (var (workload, template) in manifests.PodTemplates())
        {
            foreach (var reference in KubernetesWorkloadSecurityTests.AllContainers(template.Spec).SelectMany(c => c.Env ?? [])
                         .Select(e => e.ValueFrom?.SecretKeyRef).OfType<V1SecretKeySelector>())
            {
                Assert.Contains(reference.Key, manifests.SecretKeys(reference.Name));
            }
        }
    }

    private static List<string> GitIgnorePatterns(string path) =>
        File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
}
