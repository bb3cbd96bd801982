using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Api.Core.Compatibility;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Json;
using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Validation;

/// <summary>
/// Normalizes the value of one declared attribute: canonical sub-attribute keys, readOnly and unknown
/// sub-attributes dropped, nulls and empty arrays removed, IdP coercions applied, types checked.
/// Returns null when nothing assignable remains.
/// </summary>
internal static class AttributeValueNormalizer
{
    public static JsonNode? Normalize(JsonNode? value, AttributeDefinition definition, string path)
    {
        // RFC 7643 §2.2: clients cannot set readOnly attributes; they are ignored rather than rejected.
        if (value is null || definition.Mutability == Mutability.ReadOnly)
        {
            return null;
        }

        if (definition.MultiValued)
        {
            return NormalizeMultiValued(value, definition, path);
        }

        if (value is JsonArray)
        {
            throw ScimException.InvalidValue($"Attribute '{path}' is single-valued, got an array.");
        }

        return NormalizeSingle(value, definition, path);
    }

    private static JsonArray? NormalizeMultiValued(JsonNode value, AttributeDefinition definition, string path)
    {
        // Tolerance: a single value given for a multi-valued attribute is read as a one-element array.
        var items = value is JsonArray array ? array : [value.DeepClone()];
        var result = new JsonArray();
        foreach (var item in items)
        {
            if (item is JsonArray)
            {
                throw ScimException.InvalidValue($"Attribute '{path}' must hold a list of values, got an array inside the array.");
            }

            if (item is not null && NormalizeSingle(item, definition, path) is { } normalized)
            {
                result.Add(normalized);
            }
        }

        return result.Count == 0 ? null : result;
    }

    private static JsonNode? NormalizeSingle(JsonNode value, AttributeDefinition definition, string path) =>
        definition.Type == AttributeType.Complex
            ? NormalizeComplex(WithoutClientReference(ApplyIdpCoercions(value, definition), definition, path), definition, path)
            : NormalizeSimple(value, definition.Type, path);

    private static JsonNode WithoutClientReference(JsonNode value, AttributeDefinition definition, string path) =>
        ComputedReferences.TargetTypeOf(definition) is not null ? ComputedReferences.WithoutClientReference(value, path) : value;

    private static JsonNode ApplyIdpCoercions(JsonNode value, AttributeDefinition definition)
    {
        if (string.Equals(definition.Name, "manager", StringComparison.Ordinal))
        {
            return IdpCompatibility.NormalizeManager(value) ?? value;
        }

        if (string.Equals(definition.Name, "members", StringComparison.Ordinal))
        {
            // NormalizeMember rewrites objects in place: give it a copy, never the client's body.
            return IdpCompatibility.NormalizeMember(value.DeepClone()) ?? value;
        }

        return value;
    }

    private static JsonObject? NormalizeComplex(JsonNode value, AttributeDefinition definition, string path)
    {
        if (value is not JsonObject obj)
        {
            throw TypeError(path, "a complex object", value);
        }

        var result = new JsonObject();
        foreach (var (key, subValue) in obj)
        {
            // Unknown sub-attributes are dropped like unknown attributes: clients send extras they expect ignored.
            if (definition.FindSubAttribute(key) is { } sub
                && Normalize(subValue, sub, $"{path}.{sub.Name}") is { } normalized)
            {
                result[sub.Name] = normalized;
            }
        }

        return result.Count == 0 ? null : result;
    }

    private static JsonValue NormalizeSimple(JsonNode value, AttributeType type, string path)
    {
        if (value is not JsonValue json)
        {
            throw TypeError(path, ExpectedText(type), value);
        }

        return type switch
        {
            AttributeType.Boolean => ReadBoolean(json, path),
            AttributeType.Integer => ReadInteger(json, path),
            AttributeType.Decimal => ReadDecimal(json, path),
            AttributeType.DateTime => ReadString(json, type, path, ScimValueFormats.IsDateTime),
            AttributeType.Binary => ReadString(json, type, path, ScimValueFormats.IsBase64),
            _ => ReadString(json, type, path, static _ => true),
        };
    }

    private static JsonValue ReadBoolean(JsonValue json, string path)
    {
        var kind = json.GetValueKind();
        if (kind is JsonValueKind.True or JsonValueKind.False)
        {
            return JsonValue.Create(kind == JsonValueKind.True);
        }

        return IdpCompatibility.TryReadBooleanString(json, out var parsed)
            ? JsonValue.Create(parsed)
            : throw TypeError(path, ExpectedText(AttributeType.Boolean), json);
    }

    private static JsonValue ReadInteger(JsonValue json, string path)
    {
        var text = NumberText(json, path, AttributeType.Integer);
        return ScimValueFormats.TryParseInteger(text, out var number)
            ? JsonValue.Create(number)
            : throw ScimException.InvalidValue($"Attribute '{path}' must be an integer, got '{Shorten(text)}'.");
    }

    private static JsonValue ReadDecimal(JsonValue json, string path)
    {
        var text = NumberText(json, path, AttributeType.Decimal);
        StorableNumbers.EnsureExact(text, path);
        return ScimValueFormats.TryParseDecimal(text, out var number)
            ? JsonValue.Create(number)
            : throw ScimException.InvalidValue($"Attribute '{path}' must be a decimal number, got '{Shorten(text)}'.");
    }

    // Numbers may arrive as JSON numbers or, from some IdPs, as strings holding exactly a JSON number.
    private static string NumberText(JsonValue json, string path, AttributeType type) => json.GetValueKind() switch
    {
        JsonValueKind.Number => json.ToJsonString(),
        JsonValueKind.String => json.GetValue<string>().Trim(),
        _ => throw TypeError(path, ExpectedText(type), json),
    };

    private static JsonValue ReadString(JsonValue json, AttributeType type, string path, Func<string, bool> isValid)
    {
        if (json.GetValueKind() != JsonValueKind.String)
        {
            throw TypeError(path, ExpectedText(type), json);
        }

        var text = json.GetValue<string>();
        return isValid(text)
            ? JsonValue.Create(text)
            : throw ScimException.InvalidValue($"Attribute '{path}' must be {ExpectedText(type)}, got '{Shorten(text)}'.");
    }

    private static string ExpectedText(AttributeType type) => type switch
    {
        AttributeType.Boolean => "a boolean",
        AttributeType.Integer => "an integer",
        AttributeType.Decimal => "a decimal number",
        AttributeType.DateTime => "a dateTime string (xsd:dateTime, such as 2008-01-23T04:56:22Z)",
        AttributeType.Binary => "a base64-encoded string",
        AttributeType.Reference => "a reference (a URI string)",
        AttributeType.Complex => "a complex object",
        _ => "a string",
    };

    private static ScimException TypeError(string path, string expected, JsonNode? got) =>
        ScimException.InvalidValue($"Attribute '{path}' must be {expected}, got {JsonNodes.Describe(got)}.");

    private static string Shorten(string text) => text.Length <= 40 ? text : $"{text[..40]}…";
}
