using Scim.Api.Tests.Deployment.Kustomize;
using YamlDotNet.RepresentationModel;

namespace Scim.Api.Tests.Deployment;

/// <summary>The test composer does what Kustomize does for the fields it implements, and refuses the others.</summary>
public sealed class KustomizeBuildTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("scim-kustomize-");

    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          replicas: 2
          template:
            spec:
              containers:
                - name: web
                  image: web
                  args: [a, b]
                  resources: { requests: { cpu: 100m }, limits: { cpu: "1" } }
                - name: sidecar
                  image: registry.local:5000/sidecar:1.2
        """;

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void Patch_MergesContainersByName_ReplacesPlainLists_AndKeepsWhatItDoesNotMention()
    {
        var web = Build(
            "resources: [deployment.yaml]\npatches:\n  - path: patch.yaml\n",
            ("patch.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          args: [c]\n          resources: { limits: { cpu: \"2\" } }\n"));
        var containers = web.Mapping("spec")!.Mapping("template")!.Mapping("spec")!.Items("containers").Cast<YamlMappingNode>().ToList();

        Assert.Equal(["web", "sidecar"], containers.Select(c => c.Text("name")));
        Assert.Equal(["c"], containers[0].Items("args").Cast<YamlScalarNode>().Select(a => a.Value));
        Assert.Equal("100m", containers[0].Mapping("resources")!.Mapping("requests")!.Text("cpu"));
        Assert.Equal("2", containers[0].Mapping("resources")!.Mapping("limits")!.Text("cpu"));
        Assert.Equal("2", web.Mapping("spec")!.Text("replicas"));
    }

    [Fact]
    public void Patch_NullRemovesTheKey()
    {
        var web = Build(
            "resources: [deployment.yaml]\npatches:\n  - path: patch.yaml\n",
            ("patch.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  replicas: null\n"));

        Assert.Null(web.Mapping("spec")!.Child("replicas"));
    }

    [Fact]
    public void Images_SetNameAndTagOfTheMatchingImageOnly()
    {
        var web = Build("resources: [deployment.yaml]\nimages:\n  - name: web\n    newName: registry.example.com/web\n    newTag: \"2.0\"\n");
        var images = web.Mapping("spec")!.Mapping("template")!.Mapping("spec")!.Items("containers").Cast<YamlMappingNode>().Select(c => c.Text("image"));

        Assert.Equal(["registry.example.com/web:2.0", "registry.local:5000/sidecar:1.2"], images);
    }

    [Theory]
    [InlineData("namePrefix: x-\n", "namePrefix")]
    [InlineData("commonLabels: { a: b }\n", "commonLabels")]
    [InlineData("secretGenerator:\n  - name: s\n    envs: [s.env]\n", "disableNameSuffixHash")]
    [InlineData("patches:\n  - path: patch.yaml\n    target: { kind: Deployment }\n", "patches")]
    public void FieldTheComposerDoesNotImplement_FailsNamingIt(string field, string named)
    {
        var error = Assert.ThrowsAny<Exception>(() => Build("resources: [deployment.yaml]\n" + field, ("patch.yaml", "kind: Deployment\nmetadata: { name: web }\n")));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PatchDirective_IsRefused()
    {
        var error = Assert.Throws<NotSupportedException>(() => Build(
            "resources: [deployment.yaml]\npatches:\n  - path: patch.yaml\n",
            ("patch.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  $patch: replace\n")));

        Assert.Contains("$patch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PatchOfAnObjectTheBuildDoesNotHave_Fails()
    {
        Assert.Throws<InvalidDataException>(() => Build(
            "resources: [deployment.yaml]\npatches:\n  - path: patch.yaml\n",
            ("patch.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }\nspec: { replicas: 3 }\n")));
    }

    [Theory]
    [InlineData("web", "web", null, null)]
    [InlineData("web:1.0", "web", "1.0", null)]
    [InlineData("registry.local:5000/team/web", "registry.local:5000/team/web", null, null)]
    [InlineData("registry.local:5000/web:2@sha256:abc", "registry.local:5000/web", "2", "sha256:abc")]
    public void ImageReference_SeparatesRegistryPortFromTag(string image, string name, string? tag, string? digest)
    {
        Assert.Equal(new ImageReference(name, tag, digest), ImageReference.Parse(image));
    }

    private YamlMappingNode Build(string kustomization, params (string Name, string Text)[] files)
    {
        File.WriteAllText(Path.Combine(_directory.FullName, "deployment.yaml"), Deployment);
        File.WriteAllText(Path.Combine(_directory.FullName, "kustomization.yaml"), kustomization);
        foreach (var (name, text) in files)
        {
            File.WriteAllText(Path.Combine(_directory.FullName, name), text);
        }

        return Assert.Single(KustomizeBuild.Run(_directory.FullName).Objects);
    }
}
