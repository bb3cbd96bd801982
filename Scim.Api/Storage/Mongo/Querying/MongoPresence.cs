using System.Text.Json.Nodes;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Json;
using Scim.Api.Core.Schema;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// The <c>present</c> list of a stored resource: every attribute path (<c>NAME</c>, <c>NAME.SUB</c>,
/// <c>URN:NAME.SUB</c>, upper-cased) that has a value by RFC 7644 §3.4.2.2 "pr" as the in-memory evaluator reads it
/// (<see cref="JsonNodes.IsPresent"/>): null, "", [] and {} have none, and neither has an array or object holding only
/// such values (<c>["", ""]</c>, <c>{"familyName": ""}</c>). MongoDB's own tests cannot say this of a nested value
/// (<c>$nin: ["", …]</c> refuses <c>["", "x"]</c>, accepts <c>{"familyName": ""}</c>), so the answer is computed
/// once, when the resource is written, and <c>pr</c> becomes an equality on this list.
/// </summary>
internal static class MongoPresence
{
    public static List<string> Paths(ResourceTypeDefinition type, JsonObject storable)
    {
        var paths = new List<string>();
        foreach (var (name, value) in storable)
        {
            var isExtension = type.Schema.FindAttribute(name) is null && value is JsonObject && name.StartsWith("urn:", StringComparison.OrdinalIgnoreCase);
            if (isExtension)
            {
                foreach (var (attribute, attributeValue) in (JsonObject)value!)
                {
                    Add(paths, $"{name}:{attribute}", attributeValue);
                }
            }
            else
            {
                Add(paths, name, value);
            }
        }

        return paths;
    }

    /// <summary>The list entry a filter path tests.</summary>
    public static string KeyOf(ResolvedAttribute resolved)
    {
        var name = resolved.ExtensionUrn is null ? resolved.Name! : $"{resolved.ExtensionUrn}:{resolved.Name}";
        return Normalize(resolved.SubAttributeName is null ? name : $"{name}.{resolved.SubAttributeName}");
    }

    private static void Add(List<string> paths, string name, JsonNode? value)
    {
        if (!JsonNodes.IsPresent(value))
        {
            return;
        }

        paths.Add(Normalize(name));
        var parents = new List<JsonNode>();
        JsonNodes.AddValues(value, parents);
        var subs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parent in parents.OfType<JsonObject>())
        {
            foreach (var (sub, subValue) in parent)
            {
                if (JsonNodes.IsPresent(subValue) && subs.Add(Normalize(sub)))
                {
                    paths.Add(Normalize($"{name}.{sub}"));
                }
            }
        }
    }

    private static string Normalize(string path) => path.ToUpperInvariant();
}
