using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scim.Api.Core.Patch;

// RFC 7643 §2.1: attribute names are case-insensitive, so members are found and replaced ignoring case.
internal static class JsonMembers
{
    public static string? FindKey(JsonObject obj, string name)
    {
        foreach (var (key, _) in obj)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return key;
            }
        }

        return null;
    }

    public static JsonNode? Get(JsonObject obj, string name) => FindKey(obj, name) is { } key ? obj[key] : null;

    public static bool Has(JsonObject obj, string name) => FindKey(obj, name) is not null;

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

    public static string? TextOf(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>A short description of a JSON value for error details.</summary>
    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => string.Create(CultureInfo.InvariantCulture, $"the number {node.ToJsonString()}"),
            _ => node.ToJsonString(),
        },
    };
}
