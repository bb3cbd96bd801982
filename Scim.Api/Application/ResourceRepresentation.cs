using System.Text.Json.Nodes;
using Scim.Api.Core.Patch;
using Scim.Api.Core.Projection;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;
using Scim.Api.Core.Versioning;

namespace Scim.Api.Application;

/// <summary>
/// Turns a stored resource into its full SCIM representation: <c>id</c>, the attributes and server-generated
/// <c>meta</c> (RFC 7643 §3.1). Projection, which the caller applies afterwards, adds <c>schemas</c>.
/// </summary>
internal static class ResourceRepresentation
{
    public static string LocationOf(ResourceTypeDefinition type, string baseUrl, string id) =>
        $"{baseUrl.TrimEnd('/')}/{type.Endpoint.Trim('/')}/{Uri.EscapeDataString(id)}";

    /// <remarks>
    /// The stored document becomes the representation in place (it is the caller's to consume), instead of every
    /// attribute being moved into a new object. <c>schemas</c> is left to the projection that always follows: it lists
    /// the extensions that are still present once the projection has run.
    /// </remarks>
    public static JsonObject Compose(ResourceTypeDefinition type, StoredResource stored, string location, ReferenceUrls references)
    {
        var result = stored.Document;
        result.Remove(CommonAttributes.Schemas);
        result.Remove(CommonAttributes.Id);
        result.Remove(CommonAttributes.Meta);
        result.Insert(0, CommonAttributes.Id, stored.Id);
        result[CommonAttributes.Meta] = Meta(type, stored, location);
        references.Apply(result, type);
        return result;
    }

    /// <summary>
    /// What the server writes after the stored attributes of a document not parsed yet: its membership arrays, then
    /// <c>meta</c>, in the order <see cref="Compose"/> gives them.
    /// </summary>
    public static JsonObject ServerAttributes(ResourceTypeDefinition type, StoredResource stored, string location, ReferenceUrls references)
    {
        var attributes = new JsonObject();
        foreach (var (name, values) in stored.PendingRelations)
        {
            attributes[name] = values;
        }

        references.Apply(attributes, type);
        attributes[CommonAttributes.Meta] = Meta(type, stored, location);
        return attributes;
    }

    /// <summary>The <c>id</c> and <c>meta</c> a representation of the resource carries, for a PATCH to compare with.</summary>
    public static ServerAssignedValues ServerAssignedValues(ResourceTypeDefinition type, StoredResource stored, string location) =>
        new(stored.Id, Meta(type, stored, location));

    private static JsonObject Meta(ResourceTypeDefinition type, StoredResource stored, string location) => new()
    {
        ["resourceType"] = type.Name,
        ["created"] = stored.CreatedText,
        ["lastModified"] = stored.LastModifiedText,
        ["location"] = location,
        ["version"] = EntityTag.Format(stored.Version),
    };
}
