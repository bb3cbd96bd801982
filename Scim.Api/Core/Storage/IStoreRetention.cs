namespace Scim.Api.Core.Storage;

/// <summary>Removes what has outlived its retention: tombstones with their memberships, and old audit records.</summary>
public interface IStoreRetention
{
    /// <summary>
    /// Purges at most <see cref="PurgeRequest.BatchSize"/> tombstones and at most as many audit records; call it
    /// again while <see cref="PurgeResult.IsComplete"/> is false. Purging is idempotent.
    /// </summary>
    Task<PurgeResult> PurgeAsync(PurgeRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// Tombstones deleted before <see cref="TombstonesDeletedBefore"/> are purged with their membership rows (and, when
/// <see cref="EraseAuditValuesOfPurged"/>, the values in their audit records); audit records written before
/// <see cref="AuditRecordedBefore"/> are deleted.
/// </summary>
public sealed record PurgeRequest(
    DateTimeOffset TombstonesDeletedBefore,
    DateTimeOffset AuditRecordedBefore,
    bool EraseAuditValuesOfPurged,
    int BatchSize = 500);

public sealed record PurgeResult(int Tombstones, int AuditRecords, bool IsComplete);
