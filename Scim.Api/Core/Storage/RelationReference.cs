using System.Text.Json.Nodes;

namespace Scim.Api.Core.Storage;

/// <summary>
/// How a store names, in the <c>$ref</c> of each <c>members</c> and <c>groups</c> value it reads, the resource that
/// value refers to: <c>{resource type name}/{escaped id}</c> (<c>User/2819c223</c>), and only when that resource
/// exists. Stores know a resource's type by name, not by endpoint or base URL; every response turns this into the
/// resource's absolute URI (<see cref="Projection.ReferenceUrls"/>), so it never reaches a client as it is.
/// </summary>
public static class RelationReference
{
    public static string Of(string resourceTypeName, string id) => $"{resourceTypeName}/{Uri.EscapeDataString(id)}";

    public static bool TryRead(string reference, out string resourceTypeName, out string escapedId)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        resourceTypeName = slash > 0 ? reference[..slash] : "";
        escapedId = slash > 0 ? reference[(slash + 1)..] : "";
        return slash > 0 && escapedId.Length > 0 && !escapedId.Contains('/', StringComparison.Ordinal);
    }

    /// <summary>
    /// One <c>members</c> or <c>groups</c> value as a store gives it: <paramref name="targetType"/> is the resource type
    /// of the resource it names (null when none exists), which its <c>$ref</c> is made from.
    /// </summary>
    public static JsonObject Value(string id, string? display, string? type, string? targetType)
    {
        var value = new JsonObject { ["value"] = id };
        if (display is not null)
        {
            value["display"] = display;
        }

        if (type is not null)
        {
            value["type"] = type;
        }

        if (targetType is not null)
        {
            value["$ref"] = Of(targetType, id);
        }

        return value;
    }
}
