namespace Scim.Api.Core.Activity;

/// <summary>
/// The provisioning log, kept in the store so that every replica sees the same log and it survives restarts. Entries
/// arrive in batches from a background writer, never on a request's path. Beside the entries the store keeps, per
/// tenant, credential and minute, the counts of <see cref="RequestCounts"/>, and per credential its last call, so the
/// overview is exact however small the log is kept.
/// </summary>
public interface IRequestLog
{
    /// <summary>
    /// Appends the entries (in the order given), adds them to the minute counts and the credentials' last calls, and
    /// trims each tenant named to its newest <see cref="RequestLogBounds.MaxEntriesPerTenant"/> entries. A store that
    /// expires documents by itself (MongoDB's TTL indexes) dates them <see cref="RequestLogBounds.MaxAge"/> ahead.
    /// </summary>
    Task AppendAsync(IReadOnlyList<RequestLogEntry> entries, RequestLogBounds bounds, CancellationToken cancellationToken);

    Task<RequestLogPage> QueryAsync(RequestLogQuery query, CancellationToken cancellationToken);

    /// <summary>Every credential that called since <paramref name="lastCallSince"/>, with its counts since <paramref name="countsSince"/>.</summary>
    Task<IReadOnlyList<CredentialActivity>> ActivityAsync(DateTimeOffset lastCallSince, DateTimeOffset countsSince, CancellationToken cancellationToken);

    /// <summary>Deletes entries written before <paramref name="before"/>, and minute counts and last calls as old.</summary>
    Task PruneAsync(DateTimeOffset before, CancellationToken cancellationToken);
}

/// <summary>How much of the log is kept: per tenant, and by age.</summary>
public sealed record RequestLogBounds(int MaxEntriesPerTenant, TimeSpan MaxAge);
