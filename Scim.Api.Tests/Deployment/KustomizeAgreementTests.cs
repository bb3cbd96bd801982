using System.Diagnostics;
using System.Text.Json.Nodes;
using k8s;
using Scim.Api.Tests.Deployment.Kustomize;
using YamlDotNet.RepresentationModel;

namespace Scim.Api.Tests.Deployment;

/// <summary>
/// Where kubectl is installed, the test composer's output is compared with <c>kubectl kustomize</c>'s, object by
/// object after typing both, on a copy of k8s/ with stand-in secret files (generated Secrets are compared without
/// their data, which the composer never reads).
/// </summary>
public sealed class KustomizeAgreementTests
{
    [Theory]
    [MemberData(nameof(KubernetesRoots.All), MemberType = typeof(KubernetesRoots))]
    public async Task TestComposer_ProducesWhatKubectlKustomizeProduces(string root)
    {
        var kubectl = Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "kubectl")).FirstOrDefault(File.Exists);
        if (kubectl is null)
        {
            Assert.Skip("kubectl is not installed here; the composer is then checked by its own tests only.");
        }

        var copy = Directory.CreateTempSubdirectory("scim-k8s-");
        try
        {
            CopyDirectory(RepositoryFiles.PathOf("k8s"), Path.Combine(copy.FullName, "k8s"));
            var copiedRoot = Path.Combine(copy.FullName, root);
            WriteStandInSecretSources(KustomizeBuild.Run(copiedRoot));

            var ours = Typed(KustomizeBuild.Run(copiedRoot).Objects);
            var theirs = Typed(YamlNodes.LoadDocuments(new StringReader(await Kustomize(kubectl, copiedRoot)), "kubectl kustomize"));

            Assert.Equal(theirs.Keys.Order(StringComparer.Ordinal), ours.Keys.Order(StringComparer.Ordinal));
            Assert.All(ours, o => Assert.Equal(theirs[o.Key], o.Value));
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    private static Dictionary<string, string> Typed(IEnumerable<YamlMappingNode> objects) =>
        objects.Select(o =>
        {
            if (o.Text("kind") == "Secret")
            {
                o.Children.Remove(new YamlScalarNode("data"));
            }

            var typed = KubernetesObjects.Load(o);
            return (Key: $"{o.Text("kind")}/{o.Mapping("metadata")?.Text("name")}", Json: Canonical(JsonNode.Parse(KubernetesJson.Serialize(typed)))?.ToJsonString());
        }).ToDictionary(o => o.Key, o => o.Json ?? "", StringComparer.Ordinal);

    // Map keys in a fixed order: Kustomize sorts them, the source files need not.
    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject map => new JsonObject(map.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray list => new JsonArray(list.Select(Canonical).ToArray()),
        _ => node?.DeepClone(),
    };

    private static void WriteStandInSecretSources(KustomizeOutput output)
    {
        foreach (var secret in output.GeneratedSecrets)
        {
            foreach (var env in secret.EnvFiles)
            {
                File.Copy(env + ".example", env, overwrite: true);
            }

            foreach (var file in secret.Files)
            {
                File.WriteAllText(file, "stand-in");
            }
        }
    }

    private static async Task<string> Kustomize(string kubectl, string directory)
    {
        using var process = Process.Start(new ProcessStartInfo(kubectl, ["kustomize", directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"kubectl kustomize {directory} failed: {await error}");
        return await output;
    }

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
}
