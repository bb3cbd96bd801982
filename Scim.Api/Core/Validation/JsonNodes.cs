using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scim.Api.Core.Validation;

/// <summary>Small JSON helpers shared by normalization, validation and projection.</summary>
internal static class JsonNodes
{
    /// <summary>"an object", "a string" …: what a client sent, for error details.</summary>
    public static string Describe(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "an unknown JSON value",
    };

    /// <summary>The key of a property, found exactly or else ignoring case (RFC 7643 §2.1).</summary>
    public static string? FindKey(JsonObject obj, string name)
    {
        if (obj.ContainsKey(name))
        {
            return name;
        }

        foreach (var (key, _) in obj)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return key;
            }
        }

        return null;
    }

    public static JsonNode? Find(JsonObject obj, string name) => FindKey(obj, name) is { } key ? obj[key] : null;

    /// <summary>A deep copy without null members and without empty arrays (RFC 7643 §2.5: null means unassigned).</summary>
    public static JsonNode? CloneWithoutNulls(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    if (CloneWithoutNulls(value) is { } cleaned)
                    {
                        copy[key] = cleaned;
                    }
                }

                return copy;
            case JsonArray array:
                var items = new JsonArray();
                foreach (var item in array)
                {
                    if (CloneWithoutNulls(item) is { } cleaned)
                    {
                        items.Add(cleaned);
                    }
                }

                return items.Count == 0 ? null : items;
            default:
                return node?.DeepClone();
        }
    }

    /// <summary>Whether a value is assigned: not null, not an empty or blank string, not an empty array or object.</summary>
    public static bool IsAssigned(JsonNode? node) => node switch
    {
        null => false,
        JsonArray array => array.Any(IsAssigned),
        JsonObject obj => obj.Any(p => IsAssigned(p.Value)),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => !string.IsNullOrWhiteSpace(value.GetValue<string>()),
        JsonValue value => value.GetValueKind() != JsonValueKind.Null,
        _ => true,
    };
}
