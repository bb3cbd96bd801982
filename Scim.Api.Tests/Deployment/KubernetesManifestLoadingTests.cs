using k8s;
using k8s.Models;
using Scim.Api.Tests.Deployment.Manifests;
using YamlDotNet.Core;

namespace Scim.Api.Tests.Deployment;

/// <summary>
/// Every kustomization under k8s/ builds with <c>kubectl kustomize</c>, and what it builds loads into the Kubernetes
/// object model with no unknown field.
/// </summary>
public sealed class KubernetesManifestLoadingTests
{
    [Fact]
    public void KustomizationsUnderK8s_AreExactlyTheOnesTheTestsCover()
    {
        Assert.Equal(KubernetesRoots.All.Select(r => (string)r.Data).Order(StringComparer.Ordinal), ComposedManifests.Roots);
    }

    [Theory]
    [MemberData(nameof(KubernetesRoots.All), MemberType = typeof(KubernetesRoots))]
    public void Kustomization_BuildsIntoStrictlyTypedKubernetesObjects(string root)
    {
        var manifests = ComposedManifests.Of(root);

        Assert.NotEmpty(manifests.Objects);
        Assert.All(manifests.Objects, o => Assert.IsNotType<Dictionary<object, object>>(o));
    }

    [Fact]
    public void EveryYamlFileUnderK8s_IsNamedByAKustomization()
    {
        var named = KubernetesRoots.All.SelectMany(r => Kustomization.Load(RepositoryFiles.PathOf(r.Data)).AllManifestFiles())
            .ToHashSet(StringComparer.Ordinal);
        var files = Directory.GetFiles(RepositoryFiles.PathOf("k8s"), "*.yaml", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(RepositoryFiles.PathOf("k8s"), "*.yml", SearchOption.AllDirectories));

        Assert.Empty(files.Where(f => !named.Contains(Path.GetFullPath(f))).Select(RepositoryFiles.Relative));
    }

    [Theory]
    [MemberData(nameof(KubernetesRoots.All), MemberType = typeof(KubernetesRoots))]
    public void EveryNamespacedObject_IsInTheScimNamespace(string root)
    {
        var manifests = ComposedManifests.Of(root);
        var namespaced = manifests.Objects.OfType<IMetadata<V1ObjectMeta>>().Where(o => o is not V1Namespace);

        Assert.All(namespaced, o => Assert.Equal("scim", o.Metadata.NamespaceProperty));
        Assert.All(manifests.All<ExternalSecret>(), e => Assert.Equal("scim", e.Metadata?.NamespaceProperty));
    }

    [Theory]
    [InlineData("imagePullPolice: Always", "imagePullPolice")]
    [InlineData("readinessProbe: { httpGet: { paht: /health/ready, port: 8080 } }", "paht")]
    [InlineData("securityContext: { readOnlyRootFileSystem: true }", "readOnlyRootFileSystem")]
    public void StrictLoading_RejectsAFieldTheApiDoesNotDeclare(string containerField, string unknown)
    {
        var yaml = $$"""
            apiVersion: apps/v1
            kind: Deployment
            metadata: { name: x }
            spec:
              selector: { matchLabels: { app: x } }
              template:
                metadata: { labels: { app: x } }
                spec:
                  containers:
                    - name: x
                      image: x:1
                      {{containerField}}
            """;

        var error = Assert.ThrowsAny<YamlException>(() => KubernetesYaml.LoadAllFromString(yaml, KubernetesObjects.TypeMap, strict: true));
        Assert.Contains(unknown, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void StrictLoading_RejectsAKindTheModelDoesNotKnow()
    {
        const string yaml = "apiVersion: apps/v1\nkind: Deploymnet\nmetadata: { name: x }\n";

        Assert.ThrowsAny<Exception>(() => KubernetesYaml.LoadAllFromString(yaml, KubernetesObjects.TypeMap, strict: true));
    }

    [Fact]
    public void StrictLoading_RejectsAnExternalSecretFieldTheModelDoesNotDeclare()
    {
        const string yaml = "apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata: { name: x }\nspec: { refreshInterval: 1h, dataFrom: [] }\n";

        Assert.ThrowsAny<YamlException>(() => KubernetesYaml.LoadAllFromString(yaml, KubernetesObjects.TypeMap, strict: true));
    }
}
