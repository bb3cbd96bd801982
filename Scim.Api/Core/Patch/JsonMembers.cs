using System.Text.Json.Nodes;
using Scim.Api.Core.Validation;

namespace Scim.Api.Core.Patch;

// RFC 7643 §2.1: attribute names are case-insensitive, so members are found and replaced ignoring case.
internal static class JsonMembers
{
    public static string? FindKey(JsonObject obj, string name) => JsonNodes.FindKey(obj, name);

    public static JsonNode? Get(JsonObject obj, string name) => JsonNodes.Find(obj, name);

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

    public static string Describe(JsonNode? node) => JsonNodes.Describe(node);
}
