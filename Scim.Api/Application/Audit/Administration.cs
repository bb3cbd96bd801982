using Microsoft.Extensions.Options;
using Scim.Api.Core.Paging;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;

namespace Scim.Api.Application.Audit;

/// <summary>What operators read through the admin API: the audit trail, and the tombstones they may still restore.</summary>
internal sealed class Administration(IResourceStore store, IAuditTrail auditTrail, TimeProvider time, IOptions<SoftDeleteOptions> softDelete)
{
    private readonly SoftDeleteOptions _softDelete = softDelete.Value;

    public Task<AuditPage> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken) =>
        auditTrail.QueryAuditAsync(query, cancellationToken);

    /// <summary>Only tombstones within the retention: older ones can no longer be restored, even before the purge ran.</summary>
    public Task<TombstonePage> ListRestorableAsync(
        string tenant, ResourceTypeDefinition? type, PageRequest page, CancellationToken cancellationToken) =>
        store.ListDeletedAsync(new DeletedQuery(tenant, type, time.GetUtcNow().AddDays(-_softDelete.RetentionDays), page), cancellationToken);

    public DateTimeOffset RestorableUntil(Tombstone tombstone) => tombstone.DeletedAt.AddDays(_softDelete.RetentionDays);
}
