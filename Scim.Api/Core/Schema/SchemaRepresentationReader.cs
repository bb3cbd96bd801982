using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scim.Api.Core.Schema;

/// <summary>
/// Reads schema representations (RFC 7643 §7). Characteristics a representation leaves out take the defaults of
/// RFC 7643 §2.2 (string, single-valued, optional, caseExact false, readWrite, returned default, uniqueness none).
/// Errors are <see cref="InvalidOperationException"/>s naming the schema, the attribute and what is wrong.
/// </summary>
internal static class SchemaRepresentationReader
{
    public static SchemaDefinition Read(JsonObject json)
    {
        var id = OptionalString(json, "id", "schema");
        if (id is null || !id.StartsWith("urn:", StringComparison.OrdinalIgnoreCase) || id.Length <= "urn:".Length)
        {
            throw new InvalidOperationException(
                $"A schema needs an 'id' that is a URN such as 'urn:example:params:scim:schemas:extension:acme:2.0:User'; got {Shown(json["id"])}.");
        }

        var where = $"schema '{id}'";
        var name = OptionalString(json, "name", where) ?? id[(id.LastIndexOf(':') + 1)..];
        var description = OptionalString(json, "description", where) ?? "";
        if (Find(json, "attributes") is not JsonArray attributes)
        {
            throw new InvalidOperationException($"{where}: 'attributes' must be an array of attribute definitions.");
        }

        return new SchemaDefinition(id, name, description, ReadAttributes(attributes, where, null));
    }

    private static List<AttributeDefinition> ReadAttributes(JsonArray array, string where, string? parent)
    {
        var attributes = new List<AttributeDefinition>();
        foreach (var item in array)
        {
            if (item is not JsonObject json)
            {
                throw new InvalidOperationException(
                    $"{where}: every entry of '{(parent is null ? "attributes" : $"{parent}.subAttributes")}' must be an object; got {Shown(item)}.");
            }

            var attribute = ReadAttribute(json, where, parent);
            if (attributes.Any(a => string.Equals(a.Name, attribute.Name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new InvalidOperationException(
                    $"{where}: attribute '{Qualified(parent, attribute.Name)}' is defined twice (names are case-insensitive, RFC 7643 §2.1).");
            }

            attributes.Add(attribute);
        }

        return attributes;
    }

    private static AttributeDefinition ReadAttribute(JsonObject json, string where, string? parent)
    {
        var name = OptionalString(json, "name", where);
        if (name is null || !IsAttributeName(name, parent is not null))
        {
            throw new InvalidOperationException(
                $"{where}: {(parent is null ? "an attribute" : $"a sub-attribute of '{parent}'")} has the name {Shown(json["name"])}; "
                + "a name starts with a letter followed by letters, digits, '-' or '_' (RFC 7643 §2.1).");
        }

        var path = Qualified(parent, name);
        var context = $"{where}, attribute '{path}'";
        var type = ReadEnum(json, "type", context, AttributeType.String, SchemaJson.TypeName);
        var definition = new AttributeDefinition
        {
            Name = name,
            Type = type,
            MultiValued = ReadBoolean(json, "multiValued", context),
            Required = ReadBoolean(json, "required", context),
            CaseExact = ReadBoolean(json, "caseExact", context),
            Mutability = ReadEnum(json, "mutability", context, Mutability.ReadWrite, SchemaJson.MutabilityName),
            Returned = ReadEnum(json, "returned", context, Returned.Default, SchemaJson.ReturnedName),
            Uniqueness = ReadEnum(json, "uniqueness", context, Uniqueness.None, SchemaJson.UniquenessName),
            Description = OptionalString(json, "description", context) ?? "",
            CanonicalValues = ReadStrings(json, "canonicalValues", context),
            ReferenceTypes = ReadStrings(json, "referenceTypes", context),
        };

        var subAttributes = Find(json, "subAttributes");
        if (type != AttributeType.Complex)
        {
            return subAttributes is JsonArray { Count: > 0 }
                ? throw new InvalidOperationException($"{context}: only complex attributes have 'subAttributes'; this one is of type '{SchemaJson.TypeName(type)}'.")
                : definition;
        }

        if (parent is not null)
        {
            throw new InvalidOperationException($"{context}: a sub-attribute cannot be complex (RFC 7643 §2.3.8).");
        }

        if (subAttributes is not JsonArray { Count: > 0 } subs)
        {
            throw new InvalidOperationException($"{context}: a complex attribute needs a non-empty 'subAttributes' array.");
        }

        return definition with { SubAttributes = ReadAttributes(subs, where, name) };
    }

    // RFC 7643 §2.1: ATTRNAME = ALPHA *(nameChar); "$ref" is the one reserved sub-attribute name with a '$'.
    private static bool IsAttributeName(string name, bool isSubAttribute) =>
        (isSubAttribute && name == "$ref")
        || (name.Length > 0 && char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));

    private static T ReadEnum<T>(JsonObject json, string key, string context, T fallback, Func<T, string> nameOf)
        where T : struct, Enum
    {
        var text = OptionalString(json, key, context);
        if (text is null)
        {
            return fallback;
        }

        foreach (var value in System.Enum.GetValues<T>())
        {
            if (string.Equals(nameOf(value), text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        var allowed = string.Join(", ", System.Enum.GetValues<T>().Select(nameOf));
        throw new InvalidOperationException($"{context}: '{key}' must be one of {allowed}; got '{text}'.");
    }

    private static bool ReadBoolean(JsonObject json, string key, string context) => Find(json, key) switch
    {
        null => false,
        JsonValue value when value.GetValueKind() is JsonValueKind.True => true,
        JsonValue value when value.GetValueKind() is JsonValueKind.False => false,
        var other => throw new InvalidOperationException($"{context}: '{key}' must be true or false; got {Shown(other)}."),
    };

    private static string[] ReadStrings(JsonObject json, string key, string context)
    {
        var node = Find(json, key);
        if (node is null)
        {
            return [];
        }

        if (node is JsonArray array && array.All(i => i is JsonValue v && v.GetValueKind() == JsonValueKind.String))
        {
            return [.. array.Select(i => i!.GetValue<string>())];
        }

        throw new InvalidOperationException($"{context}: '{key}' must be an array of strings; got {Shown(node)}.");
    }

    internal static string? OptionalString(JsonObject json, string key, string context) => Find(json, key) switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        var other => throw new InvalidOperationException($"{context}: '{key}' must be a string; got {Shown(other)}."),
    };

    // Keys of representations are matched ignoring case, like attribute names (RFC 7643 §2.1).
    internal static JsonNode? Find(JsonObject json, string key)
    {
        foreach (var (name, value) in json)
        {
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    internal static string Shown(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "nothing";
        return text.Length <= 60 ? text : $"{text[..60]}…";
    }

    private static string Qualified(string? parent, string name) => parent is null ? name : $"{parent}.{name}";
}
