using Scim.Api.Core.Errors;
using Scim.Api.Core.Paths;
using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Paging;

/// <summary><c>sortBy</c> and <c>sortOrder</c> (RFC 7644 §3.4.2.3); ascending unless "descending".</summary>
public sealed record SortSpec(AttributePath By, bool Descending)
{
    public static bool IsDescending(string? sortOrder) =>
        string.Equals(sortOrder?.Trim(), "descending", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads <c>sortBy</c> for a resource type. An attribute whose value is never returned (a password, a writeOnly or
    /// returned:never custom attribute) cannot order results either: the order of a list, and the position a cursor
    /// holds, would disclose it (RFC 7643 §4.1.1: a password SHALL NOT be returnable in any form).
    /// </summary>
    public static SortSpec Parse(string sortBy, string? sortOrder, ResourceTypeDefinition type)
    {
        ArgumentNullException.ThrowIfNull(sortBy);
        ArgumentNullException.ThrowIfNull(type);
        var path = ScimPathParser.ParseAttributePath(sortBy.Trim());
        var resolved = type.Resolve(path)
            ?? throw ScimException.InvalidValue($"Cannot sort by '{sortBy}': {type.Name} has no such attribute.");
        if (resolved.Definition?.IsNeverReturned == true || resolved.SubDefinition?.IsNeverReturned == true)
        {
            throw ScimException.InvalidValue($"Cannot sort by '{sortBy}': its value is never returned.");
        }

        return new SortSpec(path, IsDescending(sortOrder));
    }
}
