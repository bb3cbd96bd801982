using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scim.Api.Core.Filters;

// Stored documents use canonical key case, but attribute names are case-insensitive (RFC 7643 §2.1), so a key
// that is not found exactly is looked up ignoring case.
internal static class JsonLookup
{
    public static JsonNode? Get(JsonNode? node, string key)
    {
        if (node is not JsonObject obj)
        {
            return null;
        }

        if (obj.TryGetPropertyValue(key, out var exact))
        {
            return exact;
        }

        foreach (var (name, value) in obj)
        {
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The values a node holds: the items of an array (recursively), or the node itself; nulls are dropped.</summary>
    public static void AddValues(JsonNode? node, List<JsonNode> values)
    {
        if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                AddValues(item, values);
            }
        }
        else if (node is not null)
        {
            values.Add(node);
        }
    }

    // RFC 7644 §3.4.2.2 "pr": null, "", [] and {} (and objects with nothing present inside) are absent.
    public static bool IsPresent(JsonNode? node) => node switch
    {
        null => false,
        JsonArray array => array.Any(IsPresent),
        JsonObject obj => obj.Any(member => IsPresent(member.Value)),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => false,
            JsonValueKind.String => ReadString(value) is not "",
            _ => true,
        },
        _ => true,
    };

    public static string? ReadString(JsonValue value)
    {
        if (value.TryGetValue<string>(out var text))
        {
            return text;
        }

        if (value.GetValueKind() != JsonValueKind.String)
        {
            return null;
        }

        using var document = JsonDocument.Parse(value.ToJsonString());
        return document.RootElement.GetString();
    }
}
