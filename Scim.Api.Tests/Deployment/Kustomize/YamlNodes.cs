using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Scim.Api.Tests.Deployment.Kustomize;

/// <summary>Reading, copying and writing YAML documents as plain node trees (no schema, every key kept).</summary>
internal static class YamlNodes
{
    public static IReadOnlyList<YamlMappingNode> LoadDocuments(string path)
    {
        using var reader = new StreamReader(path);
        return LoadDocuments(reader, path);
    }

    public static IReadOnlyList<YamlMappingNode> LoadDocuments(TextReader reader, string source)
    {
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
                    throw new InvalidDataException($"{source}: a document must be a mapping, not {document.RootNode.NodeType}.");
            }
        }

        return documents;
    }

    public static string Serialize(YamlNode node)
    {
        using var writer = new StringWriter();
        new YamlStream(new YamlDocument(node)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    public static YamlNode Clone(YamlNode node) => node switch
    {
        YamlScalarNode scalar => new YamlScalarNode(scalar.Value) { Style = scalar.Style, Tag = scalar.Tag },
        YamlSequenceNode sequence => new YamlSequenceNode(sequence.Children.Select(Clone)),
        YamlMappingNode mapping => new YamlMappingNode(mapping.Children.Select(pair => new KeyValuePair<YamlNode, YamlNode>(Clone(pair.Key), Clone(pair.Value)))),
        _ => throw new InvalidDataException($"Unsupported YAML node {node.NodeType} at {node.Start}."),
    };

    public static YamlNode? Child(this YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static string? Text(this YamlMappingNode mapping, string key) => (mapping.Child(key) as YamlScalarNode)?.Value;

    public static YamlMappingNode? Mapping(this YamlMappingNode mapping, string key) => mapping.Child(key) as YamlMappingNode;

    public static IEnumerable<YamlNode> Items(this YamlMappingNode mapping, string key) =>
        mapping.Child(key) is YamlSequenceNode sequence ? sequence.Children : [];

    public static IEnumerable<string> Keys(this YamlMappingNode mapping) =>
        mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "");

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" };

    public static YamlScalarNode QuotedScalar(string value) => new(value) { Style = ScalarStyle.DoubleQuoted };
}
