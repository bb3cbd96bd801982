namespace Scim.Api.Tests.Deployment.Manifests;

/// <summary>
/// A scratch copy of k8s/ that <c>kubectl kustomize</c> can build. The files the secretGenerators read are never
/// committed (k8s/.gitignore), so Kustomize would refuse the build: the copy gets stand-ins instead, an env file's
/// committed <c>.example</c> (so the generated Secret has the keys an operator's file would) and the text "stand-in" for
/// any other file. A copy also lets a test change a kustomization before building it, as an operator would.
/// </summary>
internal sealed class KustomizeCopy : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("scim-k8s-");

    public KustomizeCopy()
    {
        var secrets = Directory.GetFiles(RepositoryFiles.PathOf("k8s"), Kustomization.FileName, SearchOption.AllDirectories)
            .SelectMany(file => Kustomization.Load(Path.GetDirectoryName(file)!).SecretGenerators).ToList();
        var sources = secrets.SelectMany(s => s.EnvFiles.Concat(s.Files)).ToHashSet(StringComparer.Ordinal);

        // A secret file an operator keeps in the working tree is not copied: no secret reaches a test.
        CopyDirectory(RepositoryFiles.PathOf("k8s"), PathOf("k8s"), sources);
        foreach (var env in secrets.SelectMany(s => s.EnvFiles))
        {
            File.WriteAllText(PathOf(RepositoryFiles.Relative(env)), File.Exists(env + ".example") ? File.ReadAllText(env + ".example") : "");
        }

        foreach (var file in secrets.SelectMany(s => s.Files))
        {
            File.WriteAllText(PathOf(RepositoryFiles.Relative(file)), "stand-in");
        }
    }

    /// <summary>A path inside the copy, relative to the repository root (e.g. <c>k8s/overlays/prod</c>).</summary>
    public string PathOf(string relative) => Path.Combine(_root.FullName, relative);

    /// <summary>What <c>kubectl kustomize</c> prints for a kustomization of the copy.</summary>
    public string Build(string root) => Kubectl.Kustomize(PathOf(root));

    public void Dispose() => _root.Delete(recursive: true);

    private static void CopyDirectory(string source, string destination, IReadOnlySet<string> leftOut)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.GetFiles(source).Where(f => !leftOut.Contains(Path.GetFullPath(f))))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.GetDirectories(source))
        {
            CopyDirectory(directory, Path.Combine(destination, Path.GetFileName(directory)), leftOut);
        }
    }
}
