using System.Text.Json.Nodes;
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
            if (JsonMembers.Get(original, extension.Schema.Id) is JsonObject before
                && JsonMembers.Get(result, extension.Schema.Id) is JsonObject after)
            {
                RestoreIn(before, after, extension.Schema.Attributes);
            }
        }
    }

    private static void RestoreIn(JsonObject before, JsonObject after, IEnumerable<AttributeDefinition> attributes)
    {
        foreach (var attribute in attributes)
        {
            if (JsonMembers.Get(before, attribute.Name) is not { } old)
            {
                continue;
            }

            if (attribute.Mutability == Mutability.ReadOnly)
            {
                JsonMembers.Set(after, attribute.Name, old.DeepClone());
            }
            else if (attribute is { Type: AttributeType.Complex, MultiValued: false }
                && old is JsonObject oldValue && JsonMembers.Get(after, attribute.Name) is JsonObject newValue
                && JsonNode.DeepEquals(JsonMembers.Get(oldValue, "value"), JsonMembers.Get(newValue, "value")))
            {
                foreach (var sub in attribute.SubAttributes.Where(s => s.Mutability == Mutability.ReadOnly))
                {
                    if (JsonMembers.Get(oldValue, sub.Name) is { } kept)
                    {
                        JsonMembers.Set(newValue, sub.Name, kept.DeepClone());
                    }
                }
            }
        }
    }
}
