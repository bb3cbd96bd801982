using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using Scim.Api.Tests.Deployment.Manifests;

namespace Scim.Api.Tests.Deployment;

/// <summary>
/// The patch docs/deployment.md gives for a MongoDB outside the cluster (Atlas), applied to the prod overlay as the
/// document says: it replaces the MongoDB egress with the named addresses and leaves every other rule alone.
/// </summary>
public sealed partial class MongoDbOutsideTheClusterTests : IDisposable
{
    private const string Overlay = "k8s/overlays/prod";
    private const string PatchFile = "networkpolicy-mongodb.yaml";

    private readonly KustomizeCopy _copy = new();

    public MongoDbOutsideTheClusterTests()
    {
        var overlay = _copy.PathOf(Overlay);
        File.WriteAllText(Path.Combine(overlay, PatchFile), DocumentedPatch());
        var kustomization = Path.Combine(overlay, Kustomization.FileName);
        File.WriteAllText(kustomization, File.ReadAllText(kustomization).Replace("patches:\n", $"patches:\n  - path: {PatchFile}\n", StringComparison.Ordinal));
    }

    public void Dispose() => _copy.Dispose();

    [Fact]
    public void DocumentedPatch_ReplacesTheMongoDbEgressWithTheNamedAddresses_AndChangesNothingElse()
    {
        var patched = ByKindAndName(KubernetesObjects.LoadAll(_copy.Build(Overlay)));
        var original = ByKindAndName(ComposedManifests.Of(Overlay).Objects);

        AssertAtlasEgress(patched["NetworkPolicy/scim-mongodb"]);
        Assert.Equal(original.Keys.Order(StringComparer.Ordinal), patched.Keys.Order(StringComparer.Ordinal));
        Assert.All(original.Where(o => o.Key != "NetworkPolicy/scim-mongodb"), o => Assert.Equal(KubernetesJson.Serialize(o.Value), KubernetesJson.Serialize(patched[o.Key])));
    }

    private static void AssertAtlasEgress(object policyObject)
    {
        var policy = Assert.IsType<V1NetworkPolicy>(policyObject);
        var rule = Assert.Single(policy.Spec.Egress);
        Assert.Equal(["27017/TCP"], rule.Ports.Select(p => $"{p.Port.Value}/{p.Protocol}"));
        Assert.All(rule.To, peer =>
        {
            Assert.Null(peer.PodSelector);
            Assert.Null(peer.NamespaceSelector);
            var network = System.Net.IPNetwork.Parse(Assert.IsType<V1IPBlock>(peer.IpBlock).Cidr);
            Assert.True(network.PrefixLength >= 8, $"{network} is not a database's address range");
        });
        Assert.Equal(["Egress"], policy.Spec.PolicyTypes);
    }

    private static string DocumentedPatch()
    {
        var text = RepositoryFiles.Read("docs/deployment.md");
        var section = text[text.IndexOf("### MongoDB outside the cluster", StringComparison.Ordinal)..];
        var block = YamlBlock().Match(section);
        Assert.True(block.Success, "docs/deployment.md, \"MongoDB outside the cluster\", has no yaml block");
        return block.Groups["yaml"].Value;
    }

    private static Dictionary<string, object> ByKindAndName(IEnumerable<object> objects) =>
        objects.ToDictionary(o => o switch
        {
            IKubernetesObject<V1ObjectMeta> k => $"{k.Kind}/{k.Metadata.Name}",
            ExternalSecret e => $"{e.Kind}/{e.Metadata?.Name}",
            _ => throw new InvalidDataException($"{o.GetType().Name} has no kind and name"),
        }, StringComparer.Ordinal);

    [GeneratedRegex(@"```yaml\n(?<yaml>.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
