using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scim.Api.Core.Json;

/// <summary>
/// The one JSON helper of Core. Attribute names are case-insensitive (RFC 7643 §2.1): members are found exactly, else
/// ignoring case, and set replacing a member whose name differs only in case.
/// </summary>
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

    /// <summary>A member of an object, found exactly or else ignoring case; null for anything that is not an object.</summary>
    public static JsonNode? Find(JsonNode? node, string name) => node is JsonObject obj && FindKey(obj, name) is { } key ? obj[key] : null;

    /// <summary>Sets a member, replacing one whose name differs only in case; the value must have no parent.</summary>
    public static void Set(JsonObject obj, string name, JsonNode? value)
    {
        if (FindKey(obj, name) is { } existing && existing != name)
        {
            obj.Remove(existing);
        }

        obj[name] = value;
    }

    public static bool Remove(JsonObject obj, string name) => FindKey(obj, name) is { } key && obj.Remove(key);

    /// <summary>The text of a string value; null for anything else.</summary>
    public static string? TextOf(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>The text of a string value, also when it was parsed (not built) and holds escapes; null for anything else.</summary>
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

    /// <summary>
    /// RFC 7644 §3.4.2.2 <c>pr</c>: a value is present unless it is null, "", [] or {} (or an object or array with nothing
    /// present inside). A blank string (" ") is present: it is a value, and the stores' <c>pr</c> agrees.
    /// </summary>
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

    /// <summary>
    /// Whether a <c>required</c> attribute (RFC 7643 §2.2) has a usable value: as <see cref="IsPresent"/>, except that
    /// a blank string does not count; a userName of spaces names nobody.
    /// </summary>
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
