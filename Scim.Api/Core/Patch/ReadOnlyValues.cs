using System.Text.Json.Nodes;
using Scim.Api.Core.Json;
using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Patch;

/// <summary>
/// Normalization drops read-only values (id, meta, groups, manager.displayName) because clients cannot write them.
/// No operation can change them either, so the patched document gets back the ones the resource had: read-only
/// attributes, and read-only sub-attributes of a complex value whose <c>value</c> did not change (a new manager's
/// display name is no longer known, so it is not carried over).
/// </summary>
internal static class ReadOnlyValues
{
    public static void Restore(JsonObject original, JsonObject result, ResourceTypeDefinition type)
    {
        RestoreIn(original, result, type.Schema.Attributes.Concat(CommonAttributes.Schema.Attributes));
        foreach (var extension in type.Extensions)
        {
            if (JsonNodes.Find(original, extension.Schema.Id) is JsonObject before
                && JsonNodes.Find(result, extension.Schema.Id) is JsonObject after)
            {
                RestoreIn(before, after, extension.Schema.Attributes);
            }
        }
    }

    private static void RestoreIn(JsonObject before, JsonObject after, IEnumerable<AttributeDefinition> attributes)
    {
        foreach (var attribute in attributes)
        {
            if (JsonNodes.Find(before, attribute.Name) is not { } old)
            {
                continue;
            }

            if (attribute.Mutability == Mutability.ReadOnly)
            {
                JsonNodes.Set(after, attribute.Name, old.DeepClone());
            }
            else if (attribute is { Type: AttributeType.Complex, MultiValued: false }
                && old is JsonObject oldValue && JsonNodes.Find(after, attribute.Name) is JsonObject newValue
                && JsonNode.DeepEquals(JsonNodes.Find(oldValue, "value"), JsonNodes.Find(newValue, "value")))
            {
                foreach (var sub in attribute.SubAttributes.Where(s => s.Mutability == Mutability.ReadOnly))
                {
                    if (JsonNodes.Find(oldValue, sub.Name) is { } kept)
                    {
                        JsonNodes.Set(newValue, sub.Name, kept.DeepClone());
                    }
                }
            }
        }
    }
}
