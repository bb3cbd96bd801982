using System.Text.Json.Nodes;
using Scim.Api.Core.Json;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;
using Scim.Api.Core.Validation;

namespace Scim.Api.Core.Projection;

/// <summary>
/// The absolute URIs that the <c>$ref</c> sub-attributes of a response carry, made from the base URL the request
/// reached the service by (so they are right behind a proxy): computed from <c>value</c> for references to a single
/// resource type (the enterprise <c>manager</c>), and from the <see cref="RelationReference"/> that a store gives each
/// <c>members</c> and <c>groups</c> value whose resource exists. See <see cref="ComputedReferences"/>.
/// </summary>
public sealed class ReferenceUrls(string baseUrl, SchemaRegistry registry)
{
    public string Absolute(string relative) => ResourceUris.Absolute(baseUrl, relative);

    /// <summary>The URI of the resource <paramref name="id"/> that a value of <paramref name="attribute"/> names, if known.</summary>
    public string? ForValue(AttributeDefinition attribute, string id) =>
        ComputedReferences.TargetTypeOf(attribute) is { } name && registry.FindByName(name) is { } target
            ? Absolute(ResourceUris.Relative(target, id))
            : null;

    /// <summary>Gives every computed reference of a composed representation its absolute <c>$ref</c>, in place.</summary>
    public void Apply(JsonObject representation, ResourceTypeDefinition type)
    {
        ArgumentNullException.ThrowIfNull(representation);
        ArgumentNullException.ThrowIfNull(type);
        foreach (var (key, value) in representation)
        {
            if (type.IsExtensionUrn(key))
            {
                if (value is JsonObject extension && type.FindSchema(key) is { } schema)
                {
                    ApplyIn(extension, schema);
                }
            }
            else if (type.Schema.FindAttribute(key) is { } definition)
            {
                ApplyTo(value, definition, ComputedReferences.IsMembership(type, definition));
            }
        }
    }

    private void ApplyIn(JsonObject extension, SchemaDefinition schema)
    {
        foreach (var (key, value) in extension)
        {
            if (schema.FindAttribute(key) is { } definition)
            {
                ApplyTo(value, definition, membership: false);
            }
        }
    }

    private void ApplyTo(JsonNode? value, AttributeDefinition definition, bool membership)
    {
        if (!membership && ComputedReferences.TargetTypeOf(definition) is null)
        {
            return;
        }

        if (value is JsonArray array)
        {
            foreach (var element in array)
            {
                ApplyToElement(element, definition, membership);
            }
        }
        else
        {
            ApplyToElement(value, definition, membership);
        }
    }

    private void ApplyToElement(JsonNode? element, AttributeDefinition definition, bool membership)
    {
        if (element is JsonObject obj)
        {
            SetReference(obj, membership ? Completed(obj) : ForValue(definition, obj));
        }
    }

    // A store's reference (RelationReference) becomes the absolute URI; one already absolute is left as it is.
    private string? Completed(JsonObject membershipValue)
    {
        if (TextOf(membershipValue, ComputedReferences.Ref) is not { } reference)
        {
            return null;
        }

        if (reference.Contains("://", StringComparison.Ordinal))
        {
            return reference;
        }

        return RelationReference.TryRead(reference, out var typeName, out var escapedId) && registry.FindByName(typeName) is { } target
            ? Absolute($"{target.Endpoint.Trim('/')}/{escapedId}")
            : null;
    }

    private string? ForValue(AttributeDefinition definition, JsonObject value) =>
        TextOf(value, "value") is { } id ? ForValue(definition, id) : null;

    // The reference goes last, where a response written from the stored text puts it too.
    private static void SetReference(JsonObject value, string? reference)
    {
        if (JsonNodes.FindKey(value, ComputedReferences.Ref) is { } existing)
        {
            value.Remove(existing);
        }

        if (reference is not null)
        {
            value[ComputedReferences.Ref] = reference;
        }
    }

    private static string? TextOf(JsonObject value, string name) =>
        JsonNodes.Find(value, name) is JsonValue json && json.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
