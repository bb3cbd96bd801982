using System.Text.Json.Nodes;

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
    /// (Microsoft's test collection sends both): normalize to <c>{"value": id, "display": …}</c>.
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
        }

        return member;
    }

    /// <summary>
    /// A <c>replace</c>/<c>add</c> with <c>""</c> or <c>null</c> as the value clears the attribute
    /// (Entra clears attributes this way instead of sending <c>remove</c>).
    /// </summary>
    public static bool IsClearingValue(JsonNode? value) =>
        value is null || (value is JsonValue json && json.TryGetValue<string>(out var text) && text.Length == 0);
}
