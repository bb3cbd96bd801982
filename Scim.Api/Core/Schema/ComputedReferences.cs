using System.Text.Json.Nodes;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Json;
using Scim.Api.Core.Validation;

namespace Scim.Api.Core.Schema;

/// <summary>
/// The <c>$ref</c> sub-attributes whose value the service computes instead of keeping what a client sent
/// (RFC 7643 §2.3.7, §4.1.2, §4.2, §8.4): a reference to a resource of this service is its URI, which the service
/// knows better than any client (the base URL behind a proxy, the resource's endpoint). These are group
/// <c>members</c> and user <c>groups</c> (from the memberships) and every complex attribute whose <c>$ref</c> can
/// name resources of exactly one type (the enterprise <c>manager</c>, a User).
/// A client may still send <c>$ref</c>, absolute or relative: it is read only to find the id when <c>value</c> is
/// missing, and never stored.
/// </summary>
public static class ComputedReferences
{
    public const string Ref = "$ref";

    /// <summary>
    /// The resource type every value of <paramref name="attribute"/> names, when its <c>$ref</c> lists exactly one
    /// resource type (not <c>external</c> or <c>uri</c>); null otherwise.
    /// </summary>
    public static string? TargetTypeOf(AttributeDefinition attribute)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        if (attribute.Type != AttributeType.Complex || attribute.FindSubAttribute("value") is null
            || attribute.FindSubAttribute(Ref) is not { Type: AttributeType.Reference, ReferenceTypes: [var only] }
            || string.Equals(only, "external", StringComparison.OrdinalIgnoreCase)
            || string.Equals(only, "uri", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return only;
    }

    /// <summary>True for the type's membership attributes, whose <c>$ref</c> the store gives with each value.</summary>
    public static bool IsMembership(ResourceTypeDefinition type, AttributeDefinition attribute) =>
        ReferenceEquals(attribute, type.MembersAttribute) || ReferenceEquals(attribute, type.GroupsAttribute);

    /// <summary>True when the service, not the client, decides the <c>$ref</c> of the attribute's values.</summary>
    public static bool IsComputed(ResourceTypeDefinition type, AttributeDefinition attribute) =>
        IsMembership(type, attribute) || TargetTypeOf(attribute) is not null;

    /// <summary>
    /// A client's value of a computed reference attribute, without its <c>$ref</c>; when it has no <c>value</c>,
    /// the id is read from the <c>$ref</c> (Keycloak's SCIM plugins send <c>{"$ref": "Users/2819c223"}</c>).
    /// Returns <paramref name="element"/> itself when it has no <c>$ref</c>, else a new object.
    /// </summary>
    public static JsonNode WithoutClientReference(JsonNode element, string path)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (element is not JsonObject obj || JsonNodes.FindKey(obj, Ref) is not { } refKey)
        {
            return element;
        }

        var result = new JsonObject();
        string? valueKey = null;
        foreach (var (key, value) in obj)
        {
            if (!string.Equals(key, refKey, StringComparison.Ordinal))
            {
                result[key] = value?.DeepClone();
                valueKey ??= string.Equals(key, "value", StringComparison.OrdinalIgnoreCase) ? key : null;
            }
        }

        if (HasText(valueKey is null ? null : result[valueKey]) || obj[refKey] is null)
        {
            return result;
        }

        if (obj[refKey] is not JsonValue refValue || !refValue.TryGetValue<string>(out var reference) || ResourceUris.IdOf(reference) is not { } id)
        {
            throw ScimException.InvalidValue(
                $"'{path}.$ref' must be the URI of a resource (such as \"Users/2819c223-7f76-453a-919d-413861904646\") when '{path}.value' is not given.");
        }

        if (valueKey is not null)
        {
            result.Remove(valueKey);
        }

        result["value"] = id;
        return result;
    }

    private static bool HasText(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text);
}
