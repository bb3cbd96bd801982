using System.Text.Json.Nodes;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Json;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Versioning;

namespace Scim.Api.Core.Patch;

/// <summary>
/// The values the service assigns to a resource and keeps outside its stored attributes: <c>id</c> and <c>meta</c>,
/// as a response would show them. Clients that send a resource back in a path-less PATCH (Okta's rename, authentik's
/// whole group) repeat them; a repeated value is not a modification (RFC 7644 §3.5.2 forbids modifying read-only
/// attributes, not naming them), so the PATCH compares what was sent with these.
/// </summary>
public sealed record ServerAssignedValues(string Id, JsonObject Meta)
{
    /// <summary>True when <paramref name="sent"/> is what the service returns for the attribute <paramref name="name"/>.</summary>
    public bool IsUnchanged(string name, JsonNode? sent)
    {
        if (string.Equals(name, CommonAttributes.Id, StringComparison.OrdinalIgnoreCase))
        {
            return sent is JsonValue value && value.TryGetValue<string>(out var id) && string.Equals(id, Id, StringComparison.Ordinal);
        }

        return string.Equals(name, CommonAttributes.Meta, StringComparison.OrdinalIgnoreCase) && sent is JsonObject meta && MetaIsUnchanged(meta);
    }

    // Each sub-attribute sent must equal the current one, compared as what it denotes: instants as instants
    // (clients reformat them), versions as entity tags (with or without W/), the resource type in any case.
    private bool MetaIsUnchanged(JsonObject sent)
    {
        foreach (var (key, value) in sent)
        {
            if (JsonNodes.TextOf(value) is not { } given || JsonNodes.TextOf(JsonNodes.Find(Meta, key)) is not { } expected
                || !SameMeta(key, given, expected))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameMeta(string key, string given, string expected) => key.ToLowerInvariant() switch
    {
        "created" or "lastmodified" => ScimDateTime.TryParse(given, out var a) && ScimDateTime.TryParse(expected, out var b) && a == b,
        "version" => EntityTag.TryParse(given, out var a) && EntityTag.TryParse(expected, out var b) && a == b,
        "resourcetype" => string.Equals(given, expected, StringComparison.OrdinalIgnoreCase),
        _ => string.Equals(given, expected, StringComparison.Ordinal),
    };
}
