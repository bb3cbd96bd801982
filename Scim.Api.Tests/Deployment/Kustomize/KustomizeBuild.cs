using YamlDotNet.RepresentationModel;

namespace Scim.Api.Tests.Deployment.Kustomize;

/// <summary>A secretGenerator entry: the Secret it makes and the files it reads (which must stay out of the repository).</summary>
internal sealed record GeneratedSecret(string Name, string? Namespace, IReadOnlyList<string> EnvFiles, IReadOnlyList<string> Files, bool HasLiterals);

/// <summary>What <c>kubectl kustomize DIRECTORY</c> would print, as node trees, and where it came from.</summary>
internal sealed record KustomizeOutput(
    string Directory,
    IReadOnlyList<YamlMappingNode> Objects,
    IReadOnlyList<GeneratedSecret> GeneratedSecrets,
    IReadOnlyList<YamlMappingNode> CommittedObjects,
    IReadOnlyList<string> FilesRead);

/// <summary>
/// A minimal, honest Kustomize: it implements exactly the fields the repository's kustomizations use — resources
/// (files and directories), secretGenerator (with generatorOptions.disableNameSuffixHash), patches given by path
/// (strategic merge, matched by kind and name), and images — in Kustomize's order (resources, generators, patches,
/// images). Any other field fails the build with its name, so the tests never pass on a composition Kustomize would
/// produce differently. Generated Secrets carry no data: the composer never reads secret files.
/// </summary>
internal static class KustomizeBuild
{
    private static readonly HashSet<string> SupportedFields =
        ["apiVersion", "kind", "resources", "secretGenerator", "generatorOptions", "patches", "images"];

    public static KustomizeOutput Run(string directory)
    {
        var full = RepositoryFiles.PathOf(directory);
        var file = Path.Combine(full, "kustomization.yaml");
        var kustomization = YamlNodes.LoadDocuments(file).Single();
        var where = RepositoryFiles.Relative(file);
        foreach (var field in kustomization.Keys().Where(f => !SupportedFields.Contains(f)))
        {
            throw new NotSupportedException(
                $"{where}: the field '{field}' is not implemented by the test composer (KustomizeBuild); implement it there or use the supported fields.");
        }

        var objects = new List<YamlMappingNode>();
        var committed = new List<YamlMappingNode>();
        var secrets = new List<GeneratedSecret>();
        var filesRead = new List<string> { file };

        foreach (var resource in kustomization.Items("resources").Cast<YamlScalarNode>().Select(r => r.Value!))
        {
            var path = Path.GetFullPath(Path.Combine(full, resource));
            if (Directory.Exists(path))
            {
                var nested = Run(RepositoryFiles.Relative(path));
                objects.AddRange(nested.Objects);
                committed.AddRange(nested.CommittedObjects);
                secrets.AddRange(nested.GeneratedSecrets);
                filesRead.AddRange(nested.FilesRead);
            }
            else
            {
                var documents = YamlNodes.LoadDocuments(path);
                objects.AddRange(documents);
                committed.AddRange(documents);
                filesRead.Add(path);
            }
        }

        GenerateSecrets(kustomization, full, where, objects, secrets);
        ApplyPatches(kustomization, full, objects, filesRead);
        ApplyImages(kustomization, objects);
        return new KustomizeOutput(directory, objects, secrets, committed, filesRead);
    }

    private static void GenerateSecrets(YamlMappingNode kustomization, string directory, string where, List<YamlMappingNode> objects, List<GeneratedSecret> secrets)
    {
        var generators = kustomization.Items("secretGenerator").Cast<YamlMappingNode>().ToList();
        if (generators.Count == 0)
        {
            return;
        }

        if (kustomization.Mapping("generatorOptions")?.Text("disableNameSuffixHash") != "true")
        {
            throw new NotSupportedException(
                $"{where}: generated names with a hash suffix (and the rewriting of references to them) are not implemented by the test composer; set generatorOptions.disableNameSuffixHash: true.");
        }

        foreach (var generator in generators)
        {
            foreach (var field in generator.Keys().Where(f => f is not ("name" or "namespace" or "envs" or "files" or "literals" or "type")))
            {
                throw new NotSupportedException($"{where}: secretGenerator field '{field}' is not implemented by the test composer.");
            }

            var name = generator.Text("name") ?? throw new InvalidDataException($"{where}: a secretGenerator has no name.");
            var ns = generator.Text("namespace");
            var envs = generator.Items("envs").Cast<YamlScalarNode>().Select(e => Path.GetFullPath(Path.Combine(directory, e.Value!))).ToList();
            var files = generator.Items("files").Cast<YamlScalarNode>().Select(f => Path.GetFullPath(Path.Combine(directory, FileSource(f.Value!)))).ToList();
            secrets.Add(new GeneratedSecret(name, ns, envs, files, generator.Child("literals") is not null));

            var metadata = new YamlMappingNode { { "name", name } };
            if (ns is not null)
            {
                metadata.Add("namespace", ns);
            }

            objects.Add(new YamlMappingNode
            {
                { "apiVersion", "v1" },
                { "kind", "Secret" },
                { "metadata", metadata },
                { "type", generator.Text("type") ?? "Opaque" },
            });
        }
    }

    // "key=path" names the key explicitly; the file is the part after '='.
    private static string FileSource(string entry) => entry.Contains('=', StringComparison.Ordinal) ? entry[(entry.IndexOf('=', StringComparison.Ordinal) + 1)..] : entry;

    private static void ApplyPatches(YamlMappingNode kustomization, string directory, List<YamlMappingNode> objects, List<string> filesRead)
    {
        foreach (var entry in kustomization.Items("patches").Cast<YamlMappingNode>())
        {
            if (entry.Keys().Any(k => k != "path"))
            {
                throw new NotSupportedException($"{RepositoryFiles.Relative(directory)}: only 'patches: - path: FILE' is implemented by the test composer.");
            }

            var path = Path.GetFullPath(Path.Combine(directory, entry.Text("path")!));
            filesRead.Add(path);
            foreach (var patch in YamlNodes.LoadDocuments(path))
            {
                var kind = patch.Text("kind");
                var name = patch.Mapping("metadata")?.Text("name");
                var targets = objects.Where(o => o.Text("kind") == kind && o.Mapping("metadata")?.Text("name") == name).ToList();
                if (targets.Count != 1)
                {
                    throw new InvalidDataException($"{RepositoryFiles.Relative(path)}: the patch of {kind} '{name}' matches {targets.Count} objects; it must match exactly one.");
                }

                StrategicMerge.Apply(targets[0], patch, $"{RepositoryFiles.Relative(path)}:{kind}/{name}");
            }
        }
    }

    private static void ApplyImages(YamlMappingNode kustomization, List<YamlMappingNode> objects)
    {
        var images = kustomization.Items("images").Cast<YamlMappingNode>().ToList();
        if (images.Count == 0)
        {
            return;
        }

        foreach (var container in objects.SelectMany(ContainersOf))
        {
            var reference = ImageReference.Parse(container.Text("image") ?? "");
            var rule = images.FirstOrDefault(i => i.Text("name") == reference.Name);
            if (rule is null)
            {
                continue;
            }

            var replaced = reference with
            {
                Name = rule.Text("newName") ?? reference.Name,
                Tag = rule.Text("newTag") ?? (rule.Text("digest") is null ? reference.Tag : null),
                Digest = rule.Text("digest") ?? (rule.Text("newTag") is null ? reference.Digest : null),
            };
            container.Children[new YamlScalarNode("image")] = YamlNodes.QuotedScalar(replaced.ToString());
        }
    }

    /// <summary>Every container and init container, wherever a pod template sits in the object.</summary>
    public static IEnumerable<YamlMappingNode> ContainersOf(YamlMappingNode node)
    {
        foreach (var (key, value) in node.Children)
        {
            var name = ((YamlScalarNode)key).Value;
            if (name is "containers" or "initContainers" && value is YamlSequenceNode list)
            {
                foreach (var container in list.Children.OfType<YamlMappingNode>())
                {
                    yield return container;
                }
            }
            else if (value is YamlMappingNode child)
            {
                foreach (var container in ContainersOf(child))
                {
                    yield return container;
                }
            }
        }
    }
}

/// <summary><c>[registry/]name[:tag][@digest]</c>; a colon before the last slash belongs to a registry port.</summary>
internal sealed record ImageReference(string Name, string? Tag, string? Digest)
{
    public static ImageReference Parse(string image)
    {
        string? digest = null;
        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = image[(at + 1)..];
            image = image[..at];
        }

        var colon = image.LastIndexOf(':');
        return colon > image.LastIndexOf('/')
            ? new ImageReference(image[..colon], image[(colon + 1)..], digest)
            : new ImageReference(image, null, digest);
    }

    public override string ToString() => Name + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);
}
