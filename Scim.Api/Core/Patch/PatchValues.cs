using System.Text.Json.Nodes;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Validation;

namespace Scim.Api.Core.Patch;

/// <summary>
/// Brings operation values to their canonical stored form with the resource normalizer (canonical names,
/// coercions, type checks that fail with <c>invalidValue</c>). Results never share nodes with the operation.
/// </summary>
internal static class PatchValues
{
    /// <summary>A value for the whole attribute; for a multi-valued attribute always an array (a lone value is wrapped).</summary>
    public static JsonNode? ForAttribute(JsonNode? value, ResolvedAttribute attribute, ResourceTypeDefinition type)
    {
        if (attribute.Definition?.MultiValued == true)
        {
            return ForElements(value, attribute, type);
        }

        return Normalize(value, attribute, type);
    }

    /// <summary>The values of a multi-valued attribute, in order.</summary>
    public static JsonArray ForElements(JsonNode? value, ResolvedAttribute attribute, ResourceTypeDefinition type)
    {
        var list = value as JsonArray ?? [value?.DeepClone()];
        return Normalize(list, attribute, type) switch
        {
            JsonArray array => array,
            null => [],
            var other => [other],
        };
    }

    /// <summary>One value (element) of a multi-valued attribute, or null when normalization dropped it.</summary>
    public static JsonNode? ForElement(JsonNode? value, ResolvedAttribute attribute, ResourceTypeDefinition type)
    {
        if (value is JsonArray)
        {
            throw ScimException.InvalidValue(
                $"The value for one element of '{attribute.CanonicalText}' must be a single value, not an array.");
        }

        var elements = ForElements(value, attribute, type);
        return elements.Count == 0 ? null : Detach(elements[0]);
    }

    /// <summary>A value for a sub-attribute, or for an attribute of an undeclared extension (kept verbatim).</summary>
    public static JsonNode? Normalize(JsonNode? value, ResolvedAttribute target, ResourceTypeDefinition type)
    {
        if (target.Definition is null)
        {
            return value?.DeepClone();
        }

        return Detach(ResourceNormalizer.NormalizeValue(value?.DeepClone(), target, type));
    }

    private static JsonNode? Detach(JsonNode? node) => node?.Parent is null ? node : node.DeepClone();
}
