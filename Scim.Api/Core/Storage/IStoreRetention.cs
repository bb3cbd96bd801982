namespace Scim.Api.Core.Storage;

/// <summary>
/// Removes what has outlived its retention: tombstones with their memberships (each purge is itself a change, with its
/// event), old audit records and old change events.
/// </summary>
public interface IStoreRetention
{
    /// <summary>
    /// Purges at most <see cref="PurgeRequest.BatchSize"/> tombstones and at most as many audit records and events; call it
    /// again while <see cref="PurgeResult.IsComplete"/> is false. Purging is idempotent.
    /// </summary>
    Task<PurgeResult> PurgeAsync(PurgeRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// Tombstones deleted before <see cref="TombstonesDeletedBefore"/> are purged with their membership rows (and, when
/// <see cref="EraseAuditValuesOfPurged"/>, the values in their audit records); audit records written before
/// <see cref="AuditRecordedBefore"/> are deleted, and change events recorded before <see cref="EventsRecordedBefore"/>
/// (none when null) except each tenant's newest, which keeps the tenant's positions increasing. Purging a tombstone
/// also erases the values in the events of the resource when <see cref="EraseAuditValuesOfPurged"/>.
/// </summary>
public sealed record PurgeRequest(
    DateTimeOffset TombstonesDeletedBefore,
    DateTimeOffset AuditRecordedBefore,
    bool EraseAuditValuesOfPurged,
    int BatchSize = 500,
    DateTimeOffset? EventsRecordedBefore = null);

public sealed record PurgeResult(int Tombstones, int AuditRecords, bool IsComplete, int Events = 0);
