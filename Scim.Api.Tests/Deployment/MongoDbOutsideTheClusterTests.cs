using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using Scim.Api.Tests.Deployment.Kustomize;
using YamlDotNet.RepresentationModel;

namespace Scim.Api.Tests.Deployment;

/// <summary>
/// The patch docs/deployment.md gives for a MongoDB outside the cluster (Atlas), applied to the prod overlay as the
/// document says: it replaces the MongoDB egress with the named addresses and leaves every other rule alone.
/// </summary>
public sealed partial class MongoDbOutsideTheClusterTests : IDisposable
{
    private const string Overlay = "k8s/overlays/prod";
    private const string PatchFile = "networkpolicy-mongodb.yaml";

    private readonly DirectoryInfo _copy = Directory.CreateTempSubdirectory("scim-atlas-");

    public MongoDbOutsideTheClusterTests()
    {
        CopyDirectory(RepositoryFiles.PathOf("k8s"), Path.Combine(_copy.FullName, "k8s"));
        var overlay = Path.Combine(_copy.FullName, Overlay);
        File.WriteAllText(Path.Combine(overlay, PatchFile), DocumentedPatch());
        var kustomization = Path.Combine(overlay, "kustomization.yaml");
        File.WriteAllText(kustomization, File.ReadAllText(kustomization).Replace("patches:\n", $"patches:\n  - path: {PatchFile}\n", StringComparison.Ordinal));
    }

    public void Dispose() => _copy.Delete(recursive: true);

    [Fact]
    public void DocumentedPatch_ReplacesTheMongoDbEgressWithTheNamedAddresses_AndChangesNothingElse()
    {
        var patched = Typed(KustomizeBuild.Run(Path.Combine(_copy.FullName, Overlay)).Objects);
        var original = Typed(ComposedManifests.Of(Overlay).Output.Objects);

        AssertAtlasEgress(patched["NetworkPolicy/scim-mongodb"]);
        Assert.Equal(original.Keys.Order(StringComparer.Ordinal), patched.Keys.Order(StringComparer.Ordinal));
        Assert.All(original.Where(o => o.Key != "NetworkPolicy/scim-mongodb"), o => Assert.Equal(KubernetesJson.Serialize(o.Value), KubernetesJson.Serialize(patched[o.Key])));
    }

    [Fact]
    public async Task DocumentedPatch_BuildsWithKubectlKustomize_ToTheSameMongoDbEgress()
    {
        if (Kubectl.Path is null)
        {
            Assert.Skip("kubectl is not installed here; the patch is then checked with the test composer only.");
        }

        var output = await Kubectl.KustomizeAsync(Path.Combine(_copy.FullName, Overlay));
        var built = Typed(YamlNodes.LoadDocuments(new StringReader(output), "kubectl kustomize"));

        AssertAtlasEgress(built["NetworkPolicy/scim-mongodb"]);
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

    private static Dictionary<string, object> Typed(IEnumerable<YamlMappingNode> objects) =>
        objects.ToDictionary(o => $"{o.Text("kind")}/{o.Mapping("metadata")?.Text("name")}", o =>
        {
            if (o.Text("kind") == "Secret")
            {
                o.Children.Remove(new YamlScalarNode("data"));
            }

            return KubernetesObjects.Load(o);
        }, StringComparer.Ordinal);

    private static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.GetDirectories(source))
        {
            CopyDirectory(directory, Path.Combine(destination, Path.GetFileName(directory)));
        }
    }

    [GeneratedRegex(@"```yaml\n(?<yaml>.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
