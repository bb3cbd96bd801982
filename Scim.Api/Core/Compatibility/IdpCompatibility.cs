using System.Text.Json.Nodes;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Compatibility;

/// <summary>
/// Every deviation from RFC 7643/7644 that real identity providers send and that we absorb, in one place.
/// Each rule is named after what it tolerates and is used by body normalization and the PATCH engine.
/// </summary>
public static class IdpCompatibility
{
    /// <summary>Entra and others send <c>"Add"</c>, <c>"Replace"</c>, <c>"Remove"</c>: PATCH ops in any case.</summary>
    public static string? NormalizeOperationName(string? op) => op?.Trim().ToLowerInvariant() switch
    {
        "add" => "add",
        "replace" => "replace",
        "remove" => "remove",
        _ => null,
    };

    /// <summary>Entra sends booleans as the strings <c>"True"</c>/<c>"False"</c>; any case is read as a boolean.</summary>
    public static bool TryReadBooleanString(JsonNode? value, out bool result)
    {
        result = false;
        if (value is JsonValue json && json.TryGetValue<string>(out var text))
        {
            if (string.Equals(text.Trim(), "true", StringComparison.OrdinalIgnoreCase))
            {
                result = true;
                return true;
            }

            if (string.Equals(text.Trim(), "false", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Entra sends the enterprise <c>manager</c> as a bare id string: it means <c>{"value": id}</c>.</summary>
    public static JsonNode? NormalizeManager(JsonNode? value) =>
        value is JsonValue json && json.TryGetValue<string>(out var id) ? new JsonObject { ["value"] = id } : value;

    /// <summary>
    /// Members arrive as bare id strings, or with <c>displayName</c> instead of <c>display</c>
    /// (Microsoft's test collection sends both), or named by <c>$ref</c> only (Keycloak's SCIM plugins):
    /// normalize to <c>{"value": id, "display": …}</c>.
    /// </summary>
    public static JsonNode? NormalizeMember(JsonNode? member)
    {
        if (member is JsonValue json && json.TryGetValue<string>(out var id))
        {
            return new JsonObject { ["value"] = id };
        }

        if (member is JsonObject obj)
        {
            string? displayNameKey = null;
            var hasDisplay = false;
            foreach (var (key, _) in obj)
            {
                if (string.Equals(key, "displayName", StringComparison.OrdinalIgnoreCase))
                {
                    displayNameKey = key;
                }
                else if (string.Equals(key, "display", StringComparison.OrdinalIgnoreCase))
                {
                    hasDisplay = true;
                }
            }

            if (displayNameKey is not null)
            {
                var display = obj[displayNameKey]?.DeepClone();
                obj.Remove(displayNameKey);
                if (!hasDisplay)
                {
                    obj["display"] = display;
                }
            }

            // Keycloak's SCIM plugins name members by "$ref" alone; a client's "$ref" is never kept (ComputedReferences).
            return ComputedReferences.WithoutClientReference(obj, "members");
        }

        return member;
    }

    /// <summary>
    /// A <c>replace</c>/<c>add</c> with <c>""</c> or <c>null</c> as the value clears the attribute
    /// (Entra clears attributes this way instead of sending <c>remove</c>).
    /// </summary>
    public static bool IsClearingValue(JsonNode? value) =>
        value is null || (value is JsonValue json && json.TryGetValue<string>(out var text) && text.Length == 0);

    /// <summary>
    /// Entra and Microsoft's SCIM validator put attribute paths where RFC 7644 §3.5.2.1 expects attribute names:
    /// the keys of a path-less add/replace value may be <c>"name.givenName"</c>,
    /// <c>"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber"</c> or
    /// <c>"emails[type eq \"work\"].value"</c>. Such keys are read as paths, each one an operation of its own.
    /// </summary>
    public static bool IsPathShapedKey(string key) => key.AsSpan().IndexOfAny('.', ':', '[') >= 0;

    /// <summary>
    /// Entra removes group members (in its default mode) with
    /// <c>{"op":"Remove","path":"members","value":[{"value":"id"}]}</c>: a remove that carries values removes
    /// exactly the values that match one of them. Complex values match on their <c>value</c> sub-attribute when
    /// the given one has it; otherwise the whole values must be equal.
    /// </summary>
    public static bool MatchesRemovedValue(JsonNode? existing, JsonNode removed)
    {
        ArgumentNullException.ThrowIfNull(removed);
        if (removed is JsonObject given && FindValueMember(given) is { } givenValue)
        {
            return existing is JsonObject current && FindValueMember(current) is { } currentValue
                && JsonNode.DeepEquals(currentValue, givenValue);
        }

        return JsonNode.DeepEquals(existing, removed);
    }

    /// <summary>
    /// Entra and Okta set <c>emails[type eq "work"].value</c> (likewise phone numbers and address parts) on users
    /// that have no work email yet: instead of failing with noTarget, the value is created with the attributes the
    /// filter requires. Returns those attributes when the filter is made only of <c>eq</c> comparisons joined by
    /// <c>and</c> on simple sub-attribute names, else null (the filter does not describe one value).
    /// </summary>
    public static JsonObject? ElementImpliedByFilter(Filter filter)
    {
        var element = new JsonObject();
        return CollectEqualities(filter, element) ? element : null;
    }

    /// <summary>
    /// Entra names the attributes of custom extensions in upper camel case
    /// (<c>urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:CustomAttributeName</c>), which reads
    /// like the URN of a whole undeclared extension. When the value is not an object (or, for a remove, no extension
    /// has that URN) the path names one attribute: the text after the last ':' in the extension named before it.
    /// </summary>
    public static bool TrySplitExtensionAttribute(string urn, out string extensionUrn, out string attributeName)
    {
        ArgumentNullException.ThrowIfNull(urn);
        var colon = urn.LastIndexOf(':');
        extensionUrn = colon > 0 ? urn[..colon] : "";
        attributeName = colon > 0 ? urn[(colon + 1)..] : "";
        return extensionUrn.Length > "urn:".Length
            && extensionUrn.StartsWith("urn:", StringComparison.OrdinalIgnoreCase)
            && attributeName.Length > 0;
    }

    private static bool CollectEqualities(Filter filter, JsonObject element)
    {
        switch (filter)
        {
            case AndFilter and:
                return CollectEqualities(and.Left, element) && CollectEqualities(and.Right, element);
            case ComparisonFilter { Operator: ComparisonOperator.Equal, Path: { SchemaUrn: null, SubAttribute: null } path } comparison
                when comparison.Value is not NullValue:
                foreach (var (key, _) in element)
                {
                    if (string.Equals(key, path.Name, StringComparison.OrdinalIgnoreCase))
                    {
                        return false;
                    }
                }

                element[path.Name] = comparison.Value switch
                {
                    StringValue text => JsonValue.Create(text.Value),
                    NumberValue number => JsonValue.Create(number.Value),
                    BooleanValue boolean => JsonValue.Create(boolean.Value),
                    _ => null,
                };
                return true;
            default:
                return false;
        }
    }

    private static JsonNode? FindValueMember(JsonObject obj)
    {
        foreach (var (key, value) in obj)
        {
            if (string.Equals(key, "value", StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}
