using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;

namespace Scim.Api.Core.Events;

/// <summary>
/// The event of each kind of store write, built the same way by every store from what the write carries: its audit
/// entry (operation, changed attributes, captured values) and what only the store knows (versions, the members a
/// remove-all took out).
/// </summary>
public static class ChangeRecords
{
    /// <summary>A create, replace or patch; a write without an entry is a create or a patch of no named attribute.</summary>
    public static ChangeRecord ForWrite(
        ResourceKey key, AuditEntry? entry, ChangeOperation fallback, long version, DateTimeOffset at, MembershipDelta? members, IReadOnlyCollection<string>? cleared = null)
    {
        var (added, removed) = MemberChanges(members, cleared);
        return new ChangeRecord(
            key.Tenant, key.Type.Name, key.Id, entry is null ? fallback : Of(entry.Operation), version, entry?.At ?? at,
            entry?.ChangedAttributes ?? [], added, removed, entry?.EventValues);
    }

    public static ChangeRecord ForCreate(ResourceWrite write) => ForWrite(
        write.Key, write.Audit, ChangeOperation.Create, 1, write.Created,
        write.Members.Count > 0 ? new MembershipDelta(false, [], write.Members) : null);

    public static ChangeRecord ForDelete(ResourceDeletion deletion, long version) =>
        new(deletion.Key.Tenant, deletion.Key.Type.Name, deletion.Key.Id, ChangeOperation.Delete, version,
            deletion.Audit?.At ?? deletion.DeletedAt, [], [], [], null);

    public static ChangeRecord ForRestore(ResourceRestore restore, long version) =>
        new(restore.Key.Tenant, restore.Key.Type.Name, restore.Key.Id, ChangeOperation.Restore, version,
            restore.Audit?.At ?? restore.RestoredAt, [], [], [], null);

    /// <summary>A group whose member was deleted (or restored) changed too: its own event names the member.</summary>
    public static ChangeRecord ForGroupMembership(string tenant, string groupType, string groupId, long version, DateTimeOffset at, string memberId, bool added) =>
        new(tenant, groupType, groupId, ChangeOperation.Patch, version, at, [ResourceTypeDefinition.Members],
            added ? [memberId] : [], added ? [] : [memberId], null);

    public static ChangeRecord ForPurge(string tenant, string type, string id, long version, DateTimeOffset at) =>
        new(tenant, type, id, ChangeOperation.Purge, version, at, [], [], [], null);

    /// <summary>
    /// The member ids a delta adds and removes. After a remove-all, whose removed ids the store read as it deleted
    /// them (<paramref name="cleared"/>), the change is exact: members kept by the new list are in neither. Otherwise
    /// the ids are those the delta names: adding a present member or removing an absent one is named although it
    /// changed no row, and a consumer applying the sets gets the same members either way.
    /// </summary>
    public static (IReadOnlyList<string> Added, IReadOnlyList<string> Removed) MemberChanges(MembershipDelta? delta, IReadOnlyCollection<string>? cleared)
    {
        if (delta is null || delta.IsEmpty)
        {
            return ([], []);
        }

        var added = delta.Add.Select(member => member.Value).Distinct(StringComparer.Ordinal).ToList();
        var addedSet = added.ToHashSet(StringComparer.Ordinal);
        if (delta.RemoveAll)
        {
            var before = (cleared ?? []).ToHashSet(StringComparer.Ordinal);
            return (added.Where(id => !before.Contains(id)).ToList(),
                before.Where(id => !addedSet.Contains(id)).Order(StringComparer.Ordinal).ToList());
        }

        return (added, delta.Remove.Where(id => !addedSet.Contains(id)).Distinct(StringComparer.Ordinal).ToList());
    }

    public static ChangeOperation Of(AuditOperation operation) => operation switch
    {
        AuditOperation.Create => ChangeOperation.Create,
        AuditOperation.Replace => ChangeOperation.Replace,
        AuditOperation.Patch => ChangeOperation.Patch,
        AuditOperation.Delete => ChangeOperation.Delete,
        AuditOperation.Restore => ChangeOperation.Restore,
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not an audit operation."),
    };
}
