using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Projection;

/// <summary>
/// Writes the default representation of a stored resource straight from its parsed JSON text, without building a
/// tree: the same output as <see cref="ResourceProjector.ProjectOwned"/> with <see cref="AttributeSelection.Default"/>
/// applied to the stored attributes followed by the server's (<c>members</c>/<c>groups</c>, <c>meta</c>). "schemas"
/// comes first and lists the core schema and the extensions still present, then <c>id</c>, the stored attributes in
/// their stored order, and the server's attributes.
/// <para>
/// A document whose names are not all canonical (a rename could collide, which the copying projection settles) or
/// that holds a name the server writes is refused before anything is written, and the caller takes the tree path.
/// </para>
/// </summary>
public static class StreamedDefaultProjection
{
    /// <summary>
    /// Writes the representation and returns true, or writes nothing and returns false. <paramref name="serverAttributes"/>
    /// is reshaped in place. Computed references (<see cref="ComputedReferences"/>) get their <c>$ref</c> from
    /// <paramref name="references"/>, last in their value, as <see cref="ReferenceUrls.Apply"/> puts them in a tree.
    /// </summary>
    public static bool TryWrite(
        Utf8JsonWriter writer, JsonElement document, ResourceTypeDefinition type, string id, JsonObject serverAttributes, ReferenceUrls references)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(serverAttributes);
        ArgumentNullException.ThrowIfNull(references);
        if (document.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var plan = ArrayPool<TopLevelAttribute>.Shared.Rent(document.GetPropertyCount());
        try
        {
            if (!TryPlan(document, type, serverAttributes, plan, out var extensions)
                || !InPlaceDefaultProjection.TryApply(serverAttributes, type))
            {
                return false;
            }

            Write(writer, document, type, id, serverAttributes, plan, extensions, references);
            return true;
        }
        finally
        {
            ArrayPool<TopLevelAttribute>.Shared.Return(plan, clearArray: true);
        }
    }

    // One stored top-level attribute, looked up once: its name, definition (or extension schema), and whether it stays.
    private readonly record struct TopLevelAttribute(
        string Name, AttributeDefinition? Definition, SchemaDefinition? ExtensionSchema, bool IsExtension, bool Kept);

    private static void Write(
        Utf8JsonWriter writer,
        JsonElement document,
        ResourceTypeDefinition type,
        string id,
        JsonObject serverAttributes,
        TopLevelAttribute[] plan,
        List<string> extensions,
        ReferenceUrls references)
    {
        writer.WriteStartObject();
        writer.WriteStartArray(CommonAttributes.Schemas);
        writer.WriteStringValue(type.Schema.Id);
        foreach (var extension in extensions)
        {
            writer.WriteStringValue(extension);
        }

        writer.WriteEndArray();
        writer.WriteString(CommonAttributes.Id, id);
        var index = 0;
        foreach (var property in document.EnumerateObject())
        {
            var attribute = plan[index++];
            if (!attribute.Kept)
            {
                continue;
            }

            writer.WritePropertyName(attribute.Name);
            if (attribute.IsExtension)
            {
                WriteExtension(writer, property.Value, attribute.ExtensionSchema, references);
            }
            else
            {
                WriteAttributeValue(writer, property.Value, attribute.Definition, references);
            }
        }

        foreach (var (name, value) in serverAttributes)
        {
            if (!string.Equals(name, CommonAttributes.Schemas, StringComparison.Ordinal))
            {
                writer.WritePropertyName(name);
                value!.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    // Checks every name before anything is written, decides which top-level attributes stay, and finds the extensions
    // that keep a value, which "schemas" lists.
    private static bool TryPlan(
        JsonElement document, ResourceTypeDefinition type, JsonObject serverAttributes, TopLevelAttribute[] plan, out List<string> extensions)
    {
        extensions = [];
        var coreNames = CanonicalUtf8Names.Of(type.Schema);
        var commonNames = CanonicalUtf8Names.Of(CommonAttributes.Schema);
        var index = 0;
        foreach (var property in document.EnumerateObject())
        {
            var rawName = JsonMarshal.GetRawUtf8PropertyName(property);
            var known = CanonicalUtf8Names.FindExact(coreNames, rawName)
                ?? CommonUnlessShadowed(CanonicalUtf8Names.FindExact(commonNames, rawName), type);
            var key = known?.Name ?? property.Name;
            var value = property.Value;
            if (IsServerWritten(key))
            {
                plan[index++] = default;
                continue;
            }

            // The tree path would put the server's value in the stored one's place.
            if (serverAttributes.ContainsKey(key))
            {
                return false;
            }

            if (IsDropped(key, value))
            {
                plan[index++] = default;
                continue;
            }

            if (type.IsExtensionUrn(key))
            {
                var schema = type.FindSchema(key);
                if (!IsCanonical(key, schema?.Id) || !ExtensionNamesAreCanonical(value, schema))
                {
                    return false;
                }

                var kept = IsExtensionKept(value, schema);
                if (kept)
                {
                    extensions.Add(key);
                }

                plan[index++] = new TopLevelAttribute(key, null, schema, IsExtension: true, kept);
            }
            else
            {
                var definition = known ?? FindTopLevel(type, key);
                if (!IsCanonical(key, definition?.Name) || !ValueNamesAreCanonical(value, definition))
                {
                    return false;
                }

                plan[index++] = new TopLevelAttribute(key, definition, null, IsExtension: false, IsAttributeKept(value, definition));
            }
        }

        return true;
    }

    // The tree path replaces the stored "id" and "meta" with the server's.
    private static bool IsServerWritten(string key) =>
        string.Equals(key, CommonAttributes.Id, StringComparison.Ordinal)
        || string.Equals(key, CommonAttributes.Meta, StringComparison.Ordinal);

    // Nulls are not returned, and "schemas" is rebuilt from what is returned.
    private static bool IsDropped(string key, JsonElement value) =>
        value.ValueKind == JsonValueKind.Null || string.Equals(key, CommonAttributes.Schemas, StringComparison.OrdinalIgnoreCase);

    // The tree path looks a name up in the core schema first, ignoring case: a core attribute that differs from a
    // common one only by case takes the name, and the rename it needs sends the document to the tree path.
    private static AttributeDefinition? CommonUnlessShadowed(AttributeDefinition? common, ResourceTypeDefinition type) =>
        common is not null && type.Schema.FindAttribute(common.Name) is null ? common : null;

    private static AttributeDefinition? FindTopLevel(ResourceTypeDefinition type, string key) =>
        type.Schema.FindAttribute(key) ?? CommonAttributes.Schema.FindAttribute(key);

    // The attribute of an extension that a stored name names: matched byte for byte when canonical, else ignoring case.
    private static (string Name, AttributeDefinition? Definition) ResolveIn(SchemaDefinition? schema, JsonProperty property)
    {
        if (schema is not null
            && CanonicalUtf8Names.FindExact(CanonicalUtf8Names.Of(schema), JsonMarshal.GetRawUtf8PropertyName(property)) is { } known)
        {
            return (known.Name, known);
        }

        var name = property.Name;
        return (name, schema?.FindAttribute(name));
    }

    private static bool IsCanonical(string key, string? canonical) =>
        canonical is null || string.Equals(key, canonical, StringComparison.Ordinal);

    private static bool ExtensionNamesAreCanonical(JsonElement content, SchemaDefinition? schema)
    {
        if (content.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        foreach (var property in content.EnumerateObject())
        {
            var (name, definition) = ResolveIn(schema, property);
            if (!IsCanonical(name, definition?.Name) || !ValueNamesAreCanonical(property.Value, definition))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ValueNamesAreCanonical(JsonElement value, AttributeDefinition? definition)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var element in value.EnumerateArray())
            {
                if (!SubAttributeNamesAreCanonical(element, definition))
                {
                    return false;
                }
            }

            return true;
        }

        return SubAttributeNamesAreCanonical(value, definition);
    }

    private static bool SubAttributeNamesAreCanonical(JsonElement element, AttributeDefinition? definition)
    {
        // Without declared sub-attributes, every name is its own canonical form.
        if (element.ValueKind != JsonValueKind.Object || definition is null || definition.SubAttributes.Count == 0)
        {
            return true;
        }

        var canonicalNames = CanonicalUtf8Names.SubAttributesOf(definition);
        foreach (var property in element.EnumerateObject())
        {
            if (CanonicalUtf8Names.FindExact(canonicalNames, JsonMarshal.GetRawUtf8PropertyName(property)) is not null)
            {
                continue;
            }

            var name = property.Name;
            if (!IsCanonical(name, definition.FindSubAttribute(name)?.Name))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsExtensionKept(JsonElement content, SchemaDefinition? schema)
    {
        if (content.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var property in content.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Null && IsAttributeKept(property.Value, ResolveIn(schema, property).Definition))
            {
                return true;
            }
        }

        return false;
    }

    // RFC 7643 §2.4: "never" and "request" attributes are not returned by default; an emptied value is not returned.
    private static bool IsAttributeKept(JsonElement value, AttributeDefinition? definition)
    {
        if (IsHidden(definition))
        {
            return false;
        }

        var hiding = WithHiddenSubAttributes(definition);
        if (value.ValueKind != JsonValueKind.Array)
        {
            return IsElementKept(value, hiding);
        }

        // An empty list is shown as one; a list emptied by the projection is not.
        var empty = true;
        foreach (var element in value.EnumerateArray())
        {
            empty = false;
            if (element.ValueKind != JsonValueKind.Null && IsElementKept(element, hiding))
            {
                return true;
            }
        }

        return empty;
    }

    // hiding: the attribute when some of its sub-attributes are never returned by default, else null (no lookups).
    private static bool IsElementKept(JsonElement element, AttributeDefinition? hiding)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (IsSubAttributeKept(property, hiding))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSubAttributeKept(JsonProperty property, AttributeDefinition? hiding) =>
        property.Value.ValueKind != JsonValueKind.Null
        && (hiding is null || !IsHidden(hiding.FindSubAttribute(property.Name)));

    private static bool IsHidden(AttributeDefinition? definition) =>
        definition?.Returned is Returned.Never or Returned.Request;

    private static AttributeDefinition? WithHiddenSubAttributes(AttributeDefinition? definition)
    {
        var subAttributes = definition?.SubAttributes ?? [];
        for (var i = 0; i < subAttributes.Count; i++)
        {
            if (IsHidden(subAttributes[i]))
            {
                return definition;
            }
        }

        return null;
    }

    private static void WriteExtension(Utf8JsonWriter writer, JsonElement content, SchemaDefinition? schema, ReferenceUrls references)
    {
        writer.WriteStartObject();
        foreach (var property in content.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            var (name, definition) = ResolveIn(schema, property);
            if (IsAttributeKept(property.Value, definition))
            {
                writer.WritePropertyName(name);
                WriteAttributeValue(writer, property.Value, definition, references);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteAttributeValue(Utf8JsonWriter writer, JsonElement value, AttributeDefinition? definition, ReferenceUrls references)
    {
        var element = new ElementWriting(
            WithHiddenSubAttributes(definition),
            definition is not null && ComputedReferences.TargetTypeOf(definition) is not null ? definition : null,
            references);
        if (value.ValueKind != JsonValueKind.Array)
        {
            WriteElement(writer, value, element);
            return;
        }

        writer.WriteStartArray();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Null && IsElementKept(item, element.Hiding))
            {
                WriteElement(writer, item, element);
            }
        }

        writer.WriteEndArray();
    }

    // How the values of one attribute are written. Hiding: as in IsElementKept; Referencing: the attribute when its
    // $ref is computed from "value" (the stored one, if any, is not written), else null.
    private readonly record struct ElementWriting(AttributeDefinition? Hiding, AttributeDefinition? Referencing, ReferenceUrls References);

    private static void WriteElement(Utf8JsonWriter writer, JsonElement element, ElementWriting how)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            element.WriteTo(writer);
            return;
        }

        writer.WriteStartObject();
        string? id = null;
        foreach (var property in element.EnumerateObject())
        {
            if (how.Referencing is not null)
            {
                if (property.NameEquals(ComputedReferences.Ref))
                {
                    continue;
                }

                if (property.NameEquals("value") && property.Value.ValueKind == JsonValueKind.String)
                {
                    id = property.Value.GetString();
                }
            }

            if (IsSubAttributeKept(property, how.Hiding))
            {
                property.WriteTo(writer);
            }
        }

        if (how.Referencing is not null && !string.IsNullOrEmpty(id) && how.References.ForValue(how.Referencing, id) is { } reference)
        {
            writer.WriteString(ComputedReferences.Ref, reference);
        }

        writer.WriteEndObject();
    }
}
