using YamlDotNet.RepresentationModel;

namespace Scim.Api.Tests.Deployment.Manifests;

/// <summary>A secretGenerator entry: the Secret it makes and the files it reads (which must stay out of the repository).</summary>
internal sealed record GeneratedSecret(string Name, IReadOnlyList<string> EnvFiles, IReadOnlyList<string> Files, bool HasLiterals);

/// <summary>
/// The files a kustomization.yaml names (resources, patches, secretGenerator sources), read as data, with those of the
/// kustomizations it includes. Kustomize itself builds (<see cref="Kubectl"/>); the tests read these names to know which
/// files hold secrets and that no manifest under k8s/ is left out.
/// </summary>
internal sealed record Kustomization(
    string File,
    IReadOnlyList<string> Resources,
    IReadOnlyList<string> Patches,
    IReadOnlyList<GeneratedSecret> SecretGenerators,
    IReadOnlyList<Kustomization> Included)
{
    public const string FileName = "kustomization.yaml";

    /// <summary>The kustomization in a directory, given by its full path.</summary>
    public static Kustomization Load(string directory)
    {
        var file = System.IO.Path.Combine(directory, FileName);
        var document = YamlNodes.LoadDocuments(file).Single();
        string Full(string path) => System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, path));

        var resources = document.Texts("resources").Select(Full).ToList();
        var patches = document.Items("patches").OfType<YamlMappingNode>().Select(p => p.Text("path")).OfType<string>().Select(Full).ToList();
        var secrets = document.Items("secretGenerator").OfType<YamlMappingNode>().Select(g => new GeneratedSecret(
            g.Text("name") ?? "",
            g.Texts("envs").Select(Full).ToList(),
            g.Texts("files").Select(FileSource).Select(Full).ToList(),
            g.Child("literals") is not null)).ToList();
        var included = resources.Where(Directory.Exists).Select(Load).ToList();
        return new Kustomization(file, resources.Where(r => !Directory.Exists(r)).ToList(), patches, secrets, included);
    }

    /// <summary>This kustomization and every one it includes.</summary>
    public IEnumerable<Kustomization> All() => Included.SelectMany(k => k.All()).Prepend(this);

    public IEnumerable<GeneratedSecret> AllSecretGenerators() => All().SelectMany(k => k.SecretGenerators);

    /// <summary>The kustomization files and the manifest and patch files they name.</summary>
    public IEnumerable<string> AllManifestFiles() => All().SelectMany(k => k.Resources.Concat(k.Patches).Prepend(k.File));

    // A files entry "key=path" names the Secret's key explicitly; the file is the part after '='.
    private static string FileSource(string entry) => entry.Contains('=', StringComparison.Ordinal) ? entry[(entry.IndexOf('=', StringComparison.Ordinal) + 1)..] : entry;
}
