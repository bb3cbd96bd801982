namespace Scim.Api.Core.Activity;

/// <summary>
/// One SCIM request as the provisioning log keeps it: who called (the credential's id, never its secret, and the
/// client's User-Agent), what it asked (method, route template, operation, resource type and id), and how it ended
/// (status, <c>scimType</c>, a <c>detail</c> already scrubbed of values, duration). Never a body, an attribute value,
/// a query string or a filter.
/// </summary>
public sealed record RequestLogEntry(
    string Tenant,
    DateTimeOffset At,
    string Credential,
    string? Client,
    string Method,
    string Route,
    string Operation,
    string? ResourceType,
    string? ResourceId,
    int Status,
    string? ScimType,
    string? Detail,
    TimeSpan Duration)
{
    /// <summary>Longest User-Agent kept; longer ones are cut (identity providers send well under 100 characters).</summary>
    public const int MaxClientLength = 200;

    /// <summary>Longest detail kept.</summary>
    public const int MaxDetailLength = 500;
}

/// <summary>An entry as read back, with the opaque position the store gave it (for paging to older entries).</summary>
public sealed record LoggedRequest(string Position, RequestLogEntry Entry);

/// <summary>
/// A tenant's entries newest first, matching every given criterion (null matches anything); <see cref="Before"/> is
/// the position of the last entry of the previous page.
/// </summary>
public sealed record RequestLogQuery(
    string Tenant,
    StatusRange? Status,
    string? ResourceType,
    string? ResourceId,
    string? Credential,
    string? Before,
    int Count);

/// <summary>A page of entries and, when older entries match, the position to ask for them with.</summary>
public sealed record RequestLogPage(IReadOnlyList<LoggedRequest> Entries, string? Older);
