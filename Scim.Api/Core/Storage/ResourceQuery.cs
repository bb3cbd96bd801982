using Scim.Api.Core.Filters;
using Scim.Api.Core.Paging;
using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Storage;

/// <summary>
/// A list or search request as a store sees it. The filter's attribute names are as the client wrote them;
/// stores resolve them with <see cref="ResourceTypeDefinition.Resolve"/>. Without a sort the order is still stable.
/// A <see cref="PageRequest.Count"/> of 0 asks only for the total.
/// <para>
/// With a <see cref="Keyset"/> the store pages by position instead of by index: it ignores
/// <see cref="PageRequest.StartIndex"/> and returns up to <see cref="PageRequest.Count"/> resources just after
/// (or just before) a position it handed out earlier, in the same order as index paging.
/// </para>
/// </summary>
public sealed record ResourceQuery(
    string Tenant,
    ResourceTypeDefinition Type,
    Filter? Filter,
    SortSpec? Sort,
    PageRequest Page,
    ReadOptions Read)
{
    public KeysetPage? Keyset { get; init; }
}

/// <summary>
/// A keyset page: the resources strictly after <see cref="After"/>, or strictly before <see cref="Before"/>
/// (returned in forward order), or the first page when both are null. Positions are opaque store-made strings
/// (<see cref="QueryResult.FirstPosition"/>, <see cref="QueryResult.LastPosition"/>); a store given one it cannot
/// read throws a 400 <c>invalidCursor</c>.
/// </summary>
public sealed record KeysetPage(string? After, string? Before)
{
    public static readonly KeysetPage First = new(null, null);
}

/// <summary>
/// One page of a query and the number of matches. For a keyset query the store also gives the positions of the
/// page's first and last resources and whether resources follow or precede the page.
/// </summary>
public sealed record QueryResult(long TotalResults, IReadOnlyList<StoredResource> Resources)
{
    public string? FirstPosition { get; init; }

    public string? LastPosition { get; init; }

    public bool HasMore { get; init; }

    public bool HasPrevious { get; init; }
}
