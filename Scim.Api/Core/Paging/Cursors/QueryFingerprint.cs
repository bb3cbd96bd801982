using System.Security.Cryptography;
using System.Text;
using Scim.Api.Core.Filters;

namespace Scim.Api.Core.Paging.Cursors;

/// <summary>
/// Identifies the query a cursor belongs to: resource type, filter in canonical form (so spacing and keyword case
/// do not matter), sortBy and sortOrder. RFC 9865 §2.2: every parameter but the cursor must repeat unchanged.
/// </summary>
public static class QueryFingerprint
{
    public static string Of(string resourceType, Filter? filter, SortSpec? sort)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        var text = new StringBuilder()
            .Append(resourceType).Append('\n')
            .Append(filter is null ? "" : FilterPrinter.Print(filter)).Append('\n')
            .Append(sort is null ? "" : sort.By.ToString().ToUpperInvariant()).Append('\n')
            .Append(sort is { Descending: true } ? "descending" : "ascending")
            .ToString();
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 12));
    }
}
