namespace Scim.Api.Core.Storage;

/// <summary>
/// Reads the audit records a store wrote with its writes (<see cref="AuditEntry"/>). Unlike the resource port it is
/// not scoped to one tenant: it serves operators, who may ask across tenants.
/// </summary>
public interface IAuditTrail
{
    Task<AuditPage> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken);
}
