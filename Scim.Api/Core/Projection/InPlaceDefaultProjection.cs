using System.Text.Json.Nodes;
using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Projection;

/// <summary>
/// The default selection applied to a resource the caller owns, by removing and renaming in place instead of
/// copying every value into a new tree: the same result as <see cref="ResourceProjector.Project"/> with
/// <see cref="AttributeSelection.Default"/>, for a fraction of the allocations on every GET, list and write response.
/// Names that collide once canonicalized ("userName" and "USERNAME" in one object) are rare and are left to the
/// copying projection, which settles them; default projection is idempotent, so what was already reshaped here
/// projects the same.
/// </summary>
internal static class InPlaceDefaultProjection
{
    /// <summary>Reshapes <paramref name="resource"/>; false (partly reshaped) when the copying projection must finish.</summary>
    public static bool TryApply(JsonObject resource, ResourceTypeDefinition type)
    {
        var schemas = new JsonArray(type.Schema.Id);
        for (var index = 0; index < resource.Count;)
        {
            var (key, value) = resource.GetAt(index);
            if (value is null || string.Equals(key, CommonAttributes.Schemas, StringComparison.OrdinalIgnoreCase))
            {
                resource.RemoveAt(index);
                continue;
            }

            bool kept;
            string name;
            if (type.IsExtensionUrn(key))
            {
                var schema = type.FindSchema(key);
                name = schema?.Id ?? key;
                if (!TryApplyExtension(value, schema, out kept))
                {
                    return false;
                }

                if (kept)
                {
                    schemas.Add(name);
                }
            }
            else
            {
                var definition = type.Schema.FindAttribute(key) ?? CommonAttributes.Schema.FindAttribute(key);
                name = definition?.Name ?? key;
                if (!TryApplyAttribute(resource, index, definition, out kept))
                {
                    return false;
                }
            }

            if (!kept)
            {
                resource.RemoveAt(index);
                continue;
            }

            if (!TryRename(resource, index, key, name))
            {
                return false;
            }

            index++;
        }

        resource.Insert(0, CommonAttributes.Schemas, schemas);
        return true;
    }

    private static bool TryApplyExtension(JsonNode value, SchemaDefinition? schema, out bool kept)
    {
        kept = false;
        if (value is not JsonObject content)
        {
            return true;
        }

        for (var index = 0; index < content.Count;)
        {
            var (key, attributeValue) = content.GetAt(index);
            var definition = schema?.FindAttribute(key);
            if (attributeValue is null)
            {
                content.RemoveAt(index);
                continue;
            }

            if (!TryApplyAttribute(content, index, definition, out var attributeKept))
            {
                return false;
            }

            if (!attributeKept)
            {
                content.RemoveAt(index);
                continue;
            }

            if (!TryRename(content, index, key, definition?.Name ?? key))
            {
                return false;
            }

            index++;
        }

        kept = content.Count > 0;
        return true;
    }

    // The attribute at owner[index]: "never" and "request" go; the others keep what their values keep.
    private static bool TryApplyAttribute(JsonObject owner, int index, AttributeDefinition? definition, out bool kept)
    {
        var returned = definition?.Returned ?? Returned.Default;
        if (returned is Returned.Never or Returned.Request)
        {
            kept = false;
            return true;
        }

        var value = owner.GetAt(index).Value!;
        if (value is not JsonArray array)
        {
            return TryApplyElement(value, definition, out kept);
        }

        // An empty list is shown as one (a group's "members": []); a list emptied by the projection is not.
        var wasEmpty = array.Count == 0;
        for (var position = 0; position < array.Count;)
        {
            var element = array[position];
            if (element is null)
            {
                array.RemoveAt(position);
                continue;
            }

            if (!TryApplyElement(element, definition, out var elementKept))
            {
                kept = false;
                return false;
            }

            if (!elementKept)
            {
                array.RemoveAt(position);
                continue;
            }

            position++;
        }

        kept = array.Count > 0 || wasEmpty;
        return true;
    }

    // One value: a scalar stays; a complex value loses its null, "never" and "request" sub-attributes.
    private static bool TryApplyElement(JsonNode element, AttributeDefinition? definition, out bool kept)
    {
        kept = true;
        if (element is not JsonObject complex)
        {
            return true;
        }

        for (var index = 0; index < complex.Count;)
        {
            var (key, subValue) = complex.GetAt(index);
            var sub = definition?.FindSubAttribute(key);
            if (subValue is null || sub?.Returned is Returned.Never or Returned.Request)
            {
                complex.RemoveAt(index);
                continue;
            }

            if (!TryRename(complex, index, key, sub?.Name ?? key))
            {
                return false;
            }

            index++;
        }

        kept = complex.Count > 0;
        return true;
    }

    private static bool TryRename(JsonObject owner, int index, string key, string canonical)
    {
        if (string.Equals(key, canonical, StringComparison.Ordinal))
        {
            return true;
        }

        if (owner.ContainsKey(canonical))
        {
            return false;
        }

        var value = owner.GetAt(index).Value;
        owner.RemoveAt(index);
        owner.Insert(index, canonical, value);
        return true;
    }
}
