using YamlDotNet.RepresentationModel;

namespace Scim.Api.Tests.Deployment;

/// <summary>Reading YAML documents as plain node trees (no schema, every key kept), and looking keys up in them.</summary>
internal static class YamlNodes
{
    public static IReadOnlyList<YamlMappingNode> LoadDocuments(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        var documents = new List<YamlMappingNode>();
        foreach (var document in stream.Documents)
        {
            switch (document.RootNode)
            {
                case YamlMappingNode mapping:
                    documents.Add(mapping);
                    break;
                case YamlScalarNode { Value: null or "" }:
                    break;
                default:
                    throw new InvalidDataException($"{path}: a document must be a mapping, not {document.RootNode.NodeType}.");
            }
        }

        return documents;
    }

    public static YamlNode? Child(this YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static string? Text(this YamlMappingNode mapping, string key) => (mapping.Child(key) as YamlScalarNode)?.Value;

    public static YamlMappingNode? Mapping(this YamlMappingNode mapping, string key) => mapping.Child(key) as YamlMappingNode;

    public static IEnumerable<YamlNode> Items(this YamlMappingNode mapping, string key) =>
        mapping.Child(key) is YamlSequenceNode sequence ? sequence.Children : [];

    /// <summary>The scalar items of a list, e.g. <c>resources: [a.yaml, b.yaml]</c>.</summary>
    public static IEnumerable<string> Texts(this YamlMappingNode mapping, string key) =>
        mapping.Items(key).OfType<YamlScalarNode>().Select(s => s.Value ?? "");

    public static IEnumerable<string> Keys(this YamlMappingNode mapping) =>
        mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "");
}
