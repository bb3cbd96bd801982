using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Scim.Api.Application.Events;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;

namespace Scim.Api.Application.Audit;

/// <summary>
/// Builds the audit entry of each write from the caller's scope and what the write changes; the store writes the
/// change event from the same entry, with the values of the changed attributes when events capture them.
/// </summary>
internal sealed class AuditEntries(IOptions<AuditOptions> options, IOptions<ChangeEventOptions> events)
{
    private readonly AuditOptions _options = options.Value;
    private readonly bool _eventValues = events.Value.CaptureValues;

    public AuditEntry ForCreate(RequestScope scope, ResourceTypeDefinition type, JsonObject document, bool hasMembers, DateTimeOffset at) =>
        ForChange(AuditOperation.Create, scope, type, null, document, hasMembers, at);

    /// <summary>A create (no <paramref name="before"/>), replace or patch.</summary>
    public AuditEntry ForChange(
        AuditOperation operation,
        RequestScope scope,
        ResourceTypeDefinition type,
        JsonObject? before,
        JsonObject after,
        bool membersChanged,
        DateTimeOffset at)
    {
        var changed = AuditChanges.Between(type, before, after);
        if (membersChanged)
        {
            changed.Add(AuditChanges.MembersAttribute);
        }

        var values = _options.IncludeValues || _eventValues ? AuditChanges.ValuesOf(type, changed, after) : null;
        return Entry(operation, scope, changed, _options.IncludeValues ? values : null, at) with
        {
            EventValues = _eventValues ? values?.DeepClone().AsObject() : null,
        };
    }

    public AuditEntry ForDelete(RequestScope scope, DateTimeOffset at) => Entry(AuditOperation.Delete, scope, [], null, at);

    public AuditEntry ForRestore(RequestScope scope, DateTimeOffset at) => Entry(AuditOperation.Restore, scope, [], null, at);

    private static AuditEntry Entry(AuditOperation operation, RequestScope scope, List<string> changed, JsonObject? values, DateTimeOffset at) =>
        new(operation, scope.CredentialId, scope.RequestId, scope.TraceId, at, changed, values);
}
