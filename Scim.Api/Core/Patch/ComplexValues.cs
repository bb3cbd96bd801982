using System.Text.Json.Nodes;
using Scim.Api.Core.Compatibility;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Json;
using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Patch;

/// <summary>Merging sub-attributes into a complex value (RFC 7644 §3.5.2.1 and §3.5.2.3).</summary>
internal static class ComplexValues
{
    /// <summary>
    /// Sets each sub-attribute the patch gives and leaves the others unchanged. A sub-attribute the client gave
    /// as <c>null</c> or <c>""</c> is cleared (<see cref="IdpCompatibility.IsClearingValue"/>); the normalizer
    /// drops nulls, so those names are read from the raw value.
    /// </summary>
    public static void Merge(JsonObject existing, JsonObject normalized, JsonNode? raw, AttributeDefinition? definition)
    {
        foreach (var (key, value) in normalized.ToList())
        {
            JsonNodes.Set(existing, key, value?.DeepClone());
        }

        foreach (var name in ClearedSubAttributes(raw, definition))
        {
            JsonNodes.Remove(existing, name);
        }
    }

    public static JsonObject RequireObject(JsonNode? normalized, string attributeText) =>
        normalized as JsonObject
        ?? throw ScimException.InvalidValue(
            $"'{attributeText}' is complex: its value must be an object of sub-attributes, not {JsonNodes.Describe(normalized)}.");

    private static IEnumerable<string> ClearedSubAttributes(JsonNode? raw, AttributeDefinition? definition)
    {
        if (raw is not JsonObject rawObject)
        {
            yield break;
        }

        foreach (var (key, value) in rawObject)
        {
            if (IdpCompatibility.IsClearingValue(value))
            {
                yield return definition?.FindSubAttribute(key)?.Name ?? key;
            }
        }
    }
}
