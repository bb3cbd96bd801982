using System.Globalization;
using System.Text.Json.Nodes;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;
using Scim.Api.Core.Versioning;

namespace Scim.Api.Application;

/// <summary>
/// Turns a stored resource into its full SCIM representation: <c>schemas</c>, <c>id</c>, the attributes and
/// server-generated <c>meta</c> (RFC 7643 §3.1). Projection is applied afterwards by the caller.
/// </summary>
internal static class ResourceRepresentation
{
    public static string LocationOf(ResourceTypeDefinition type, string baseUrl, string id) =>
        $"{baseUrl.TrimEnd('/')}/{type.Endpoint.Trim('/')}/{Uri.EscapeDataString(id)}";

    public static JsonObject Compose(ResourceTypeDefinition type, StoredResource stored, string location)
    {
        var document = stored.Document;
        var schemas = new JsonArray(type.Schema.Id);
        var result = new JsonObject { ["schemas"] = schemas, [CommonAttributes.Id] = stored.Id };
        foreach (var key in document.Select(p => p.Key).ToList())
        {
            if (key is CommonAttributes.Schemas or CommonAttributes.Id or CommonAttributes.Meta)
            {
                continue;
            }

            var value = document[key];
            document.Remove(key);
            result[key] = value;
            if (value is JsonObject && key.StartsWith("urn:", StringComparison.OrdinalIgnoreCase))
            {
                schemas.Add(key);
            }
        }

        result[CommonAttributes.Meta] = new JsonObject
        {
            ["resourceType"] = type.Name,
            ["created"] = FormatTime(stored.Created),
            ["lastModified"] = FormatTime(stored.LastModified),
            ["location"] = location,
            ["version"] = EntityTag.Format(stored.Version),
        };
        return result;
    }

    public static string FormatTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
