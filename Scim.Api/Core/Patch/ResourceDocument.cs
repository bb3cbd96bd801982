using System.Text.Json.Nodes;
using Scim.Api.Core.Json;
using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Patch;

/// <summary>
/// The working copy of a resource during a PATCH: finds where an attribute lives (the top level for core
/// attributes, the object under its URN key for extension attributes) and reads, writes and removes it there.
/// </summary>
internal sealed class ResourceDocument(JsonObject root, ResourceTypeDefinition type, ServerAssignedValues? server = null)
{
    public JsonObject Root { get; } = root;

    public ResourceTypeDefinition Type { get; } = type;

    /// <summary>The resource's <c>id</c> and <c>meta</c>, which the stored document does not hold; null when unknown.</summary>
    public ServerAssignedValues? Server { get; } = server;

    public JsonNode? Get(ResolvedAttribute attribute)
    {
        if (attribute.IsExtensionRoot)
        {
            return JsonNodes.Find(Root, attribute.ExtensionUrn!);
        }

        return FindContainer(attribute) is { } container ? JsonNodes.Find(container, attribute.Name!) : null;
    }

    /// <summary>Stores a value (which must have no parent), creating the extension object when needed.</summary>
    public void Set(ResolvedAttribute attribute, JsonNode value)
    {
        if (attribute.IsExtensionRoot)
        {
            JsonNodes.Set(Root, attribute.ExtensionUrn!, value);
            return;
        }

        JsonNodes.Set(GetOrCreateContainer(attribute), attribute.Name!, value);
    }

    /// <summary>Removes the attribute; an extension object left empty goes too.</summary>
    public void Remove(ResolvedAttribute attribute)
    {
        if (attribute.IsExtensionRoot)
        {
            JsonNodes.Remove(Root, attribute.ExtensionUrn!);
            return;
        }

        if (FindContainer(attribute) is not { } container)
        {
            return;
        }

        JsonNodes.Remove(container, attribute.Name!);
        if (attribute.ExtensionUrn is { } urn && container.Count == 0)
        {
            JsonNodes.Remove(Root, urn);
        }
    }

    private JsonObject? FindContainer(ResolvedAttribute attribute) =>
        attribute.ExtensionUrn is { } urn ? JsonNodes.Find(Root, urn) as JsonObject : Root;

    private JsonObject GetOrCreateContainer(ResolvedAttribute attribute)
    {
        if (attribute.ExtensionUrn is not { } urn)
        {
            return Root;
        }

        if (JsonNodes.Find(Root, urn) is JsonObject extension)
        {
            return extension;
        }

        var created = new JsonObject();
        JsonNodes.Set(Root, urn, created);
        return created;
    }
}
