using YamlDotNet.RepresentationModel;

namespace Scim.Api.Tests.Deployment.Kustomize;

/// <summary>
/// The subset of Kubernetes strategic merge patch that the overlays use: mappings merge key by key, <c>null</c>
/// deletes a key, lists with a patch merge key (containers and env by name, volumeMounts by mountPath, ports by
/// containerPort or port, topologySpreadConstraints by topologyKey) merge item by item, every other list is replaced
/// as a whole, as the Kubernetes API declares. Directives (<c>$patch</c>, <c>$setElementOrder</c>, …) are refused
/// rather than misread.
/// </summary>
internal static class StrategicMerge
{
    public static void Apply(YamlMappingNode target, YamlMappingNode patch, string where)
    {
        foreach (var (keyNode, value) in patch.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            if (key.StartsWith('$'))
            {
                throw new NotSupportedException($"{where}: the patch directive '{key}' is not implemented by the test composer.");
            }

            if (YamlNodes.IsNull(value))
            {
                target.Children.Remove(keyNode);
                continue;
            }

            var existing = target.Child(key);
            switch (existing, value)
            {
                case (YamlMappingNode existingMapping, YamlMappingNode patchMapping):
                    Apply(existingMapping, patchMapping, $"{where}.{key}");
                    break;
                case (YamlSequenceNode existingList, YamlSequenceNode patchList):
                    target.Children[keyNode] = MergeList(key, existingList, patchList, $"{where}.{key}");
                    break;
                default:
                    target.Children[keyNode] = YamlNodes.Clone(value);
                    break;
            }
        }
    }

    private static YamlSequenceNode MergeList(string field, YamlSequenceNode existing, YamlSequenceNode patch, string where)
    {
        var mergeKey = MergeKeyOf(field, patch);
        if (mergeKey is null)
        {
            return (YamlSequenceNode)YamlNodes.Clone(patch);
        }

        var merged = (YamlSequenceNode)YamlNodes.Clone(existing);
        foreach (var item in patch.Children.Cast<YamlMappingNode>())
        {
            var id = item.Text(mergeKey) ?? throw new InvalidDataException($"{where}: an item has no '{mergeKey}', the merge key of '{field}'.");
            var match = merged.Children.OfType<YamlMappingNode>().FirstOrDefault(m => m.Text(mergeKey) == id);
            if (match is null)
            {
                merged.Add(YamlNodes.Clone(item));
            }
            else
            {
                Apply(match, item, $"{where}[{mergeKey}={id}]");
            }
        }

        return merged;
    }

    private static string? MergeKeyOf(string field, YamlSequenceNode patch) => field switch
    {
        "containers" or "initContainers" or "ephemeralContainers" or "env" or "volumes" or "imagePullSecrets" => "name",
        "volumeMounts" => "mountPath",
        "topologySpreadConstraints" => "topologyKey",
        "ports" => patch.Children.OfType<YamlMappingNode>().Any(p => p.Child("containerPort") is not null) ? "containerPort" : "port",
        _ => null,
    };
}
