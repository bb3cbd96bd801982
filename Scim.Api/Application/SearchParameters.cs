namespace Scim.Api.Application;

/// <summary>
/// The parameters of a list request (query string) or a search request (POST .search body, RFC 7644 §3.4.3),
/// as the client wrote them.
/// </summary>
public sealed record SearchParameters(
    string? Filter,
    string? SortBy,
    string? SortOrder,
    int? StartIndex,
    int? Count,
    IReadOnlyList<string>? Attributes,
    IReadOnlyList<string>? ExcludedAttributes)
{
    /// <summary>RFC 9865 <c>cursor</c>: null for index paging, empty for the first cursor page, else a cursor.</summary>
    public string? Cursor { get; init; }
}
