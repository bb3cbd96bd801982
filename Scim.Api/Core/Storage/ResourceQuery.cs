using Scim.Api.Core.Filters;
using Scim.Api.Core.Paging;
using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Storage;

/// <summary>
/// A list or search request as a store sees it. The filter's attribute names are as the client wrote them;
/// stores resolve them with <see cref="ResourceTypeDefinition.Resolve"/>. Without a sort the order is still stable.
/// A <see cref="PageRequest.Count"/> of 0 asks only for the total.
/// </summary>
public sealed record ResourceQuery(
    string Tenant,
    ResourceTypeDefinition Type,
    Filter? Filter,
    SortSpec? Sort,
    PageRequest Page,
    ReadOptions Read);

public sealed record QueryResult(long TotalResults, IReadOnlyList<StoredResource> Resources);
