using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Json;
using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Validation;

/// <summary>
/// Schema rules checked on a normalized document before it is written. canonicalValues are deliberately not
/// enforced: IdPs send "type" labels outside the canonical lists (custom labels mapped from their directories),
/// and RFC 7643 §7 presents canonical values as suggestions a service provider may extend.
/// </summary>
public static class ResourceValidator
{
    public static void ValidateForWrite(JsonObject document, ResourceTypeDefinition type)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(type);
        StorableNumbers.EnsureStorable(document);
        CheckSchema(document, type.Schema, null);
        foreach (var extension in type.Extensions)
        {
            if (JsonNodes.Find(document, extension.Schema.Id) is JsonObject content)
            {
                CheckSchema(content, extension.Schema, extension.Schema.Id);
            }
            else if (extension.Required)
            {
                throw ScimException.InvalidValue(
                    $"The extension '{extension.Schema.Id}' is required for resource type '{type.Name}' (RFC 7643 §6).");
            }
        }
    }

    /// <summary>
    /// Rejects a replace or patch result that changes an immutable attribute (RFC 7643 §2.2, RFC 7644 §3.5.1): once
    /// set, its value may be repeated but neither changed nor removed. readOnly attributes are not checked here:
    /// clients cannot write them (normalization drops them) and the caller restores them from the existing resource.
    /// Immutable sub-attributes of multi-valued attributes (Group members.value) are not compared: values are added
    /// and removed whole, and a changed member is a different member.
    /// </summary>
    public static void CheckImmutable(JsonObject existing, JsonObject updated, ResourceTypeDefinition type)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(updated);
        ArgumentNullException.ThrowIfNull(type);
        CheckImmutableIn(existing, updated, type.Schema, null);
        CheckImmutableIn(existing, updated, CommonAttributes.Schema, null);
        foreach (var extension in type.Extensions)
        {
            if (JsonNodes.Find(existing, extension.Schema.Id) is JsonObject before)
            {
                var after = JsonNodes.Find(updated, extension.Schema.Id) as JsonObject ?? [];
                CheckImmutableIn(before, after, extension.Schema, extension.Schema.Id);
            }
        }
    }

    private static void CheckSchema(JsonObject content, SchemaDefinition schema, string? urn)
    {
        foreach (var attribute in schema.Attributes)
        {
            var value = JsonNodes.Find(content, attribute.Name);
            var path = urn is null ? attribute.Name : $"{urn}:{attribute.Name}";
            CheckRequired(value, attribute, path);
            if (attribute.Type == AttributeType.Complex)
            {
                foreach (var element in Elements(value).OfType<JsonObject>())
                {
                    foreach (var sub in attribute.SubAttributes)
                    {
                        CheckRequired(JsonNodes.Find(element, sub.Name), sub, $"{path}.{sub.Name}");
                    }
                }
            }

            if (attribute.MultiValued && attribute.FindSubAttribute("primary") is not null)
            {
                CheckSinglePrimary(value, path);
            }
        }
    }

    // RFC 7643 §2.2: required attributes; readOnly ones are the service provider's to set, not the client's.
    private static void CheckRequired(JsonNode? value, AttributeDefinition attribute, string path)
    {
        if (attribute.Required && attribute.Mutability != Mutability.ReadOnly && !JsonNodes.IsAssigned(value))
        {
            throw ScimException.InvalidValue($"Attribute '{path}' is required and must have a value.");
        }
    }

    // RFC 7643 §2.4: the primary attribute value "true" MUST appear no more than once.
    private static void CheckSinglePrimary(JsonNode? value, string path)
    {
        var primaries = Elements(value)
            .OfType<JsonObject>()
            .Count(e => JsonNodes.Find(e, "primary") is JsonValue p && p.GetValueKind() == JsonValueKind.True);
        if (primaries > 1)
        {
            throw ScimException.InvalidValue(
                $"Attribute '{path}' has {primaries} values with \"primary\": true; at most one value may be primary (RFC 7643 §2.4).");
        }
    }

    private static void CheckImmutableIn(JsonObject before, JsonObject after, SchemaDefinition schema, string? urn)
    {
        foreach (var attribute in schema.Attributes)
        {
            var old = JsonNodes.Find(before, attribute.Name);
            if (!JsonNodes.IsAssigned(old))
            {
                continue;
            }

            var current = JsonNodes.Find(after, attribute.Name);
            var path = urn is null ? attribute.Name : $"{urn}:{attribute.Name}";
            if (attribute.Mutability == Mutability.Immutable)
            {
                RequireUnchanged(old, current, attribute, path);
            }
            else if (attribute is { Type: AttributeType.Complex, MultiValued: false } && old is JsonObject oldObject)
            {
                foreach (var sub in attribute.SubAttributes.Where(s => s.Mutability == Mutability.Immutable))
                {
                    var oldSub = JsonNodes.Find(oldObject, sub.Name);
                    if (JsonNodes.IsAssigned(oldSub))
                    {
                        var currentSub = current is JsonObject currentObject ? JsonNodes.Find(currentObject, sub.Name) : null;
                        RequireUnchanged(oldSub, currentSub, sub, $"{path}.{sub.Name}");
                    }
                }
            }
        }
    }

    private static void RequireUnchanged(JsonNode? old, JsonNode? current, AttributeDefinition attribute, string path)
    {
        if (!JsonNodes.IsAssigned(current))
        {
            throw ScimException.Mutability($"Attribute '{path}' is immutable: it has a value and cannot be removed.");
        }

        if (!ScimValueEquality.AreEquivalent(old, current, attribute))
        {
            throw ScimException.Mutability($"Attribute '{path}' is immutable: it has a value and cannot be changed.");
        }
    }

    // Never build a JsonArray around the value: that would re-parent a node of the caller's document.
    private static IEnumerable<JsonNode?> Elements(JsonNode? value) => value switch
    {
        JsonArray array => array,
        null => Array.Empty<JsonNode?>(),
        _ => new[] { value },
    };
}
