using Scim.Api.Core.Paths;

namespace Scim.Api.Core.Paging;

/// <summary><c>sortBy</c> and <c>sortOrder</c> (RFC 7644 §3.4.2.3); ascending unless "descending".</summary>
public sealed record SortSpec(AttributePath By, bool Descending)
{
    public static bool IsDescending(string? sortOrder) =>
        string.Equals(sortOrder?.Trim(), "descending", StringComparison.OrdinalIgnoreCase);
}
