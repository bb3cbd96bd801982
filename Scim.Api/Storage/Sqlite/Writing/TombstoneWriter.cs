using Microsoft.Data.Sqlite;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Events;
using Scim.Api.Core.Storage;
using Scim.Api.Storage.Sqlite.Schema;

namespace Scim.Api.Storage.Sqlite.Writing;

/// <summary>
/// Soft delete, restore and purge. A deleted resource's row moves to <c>tombstones</c> and every membership row
/// naming it moves to <c>tombstone_memberships</c> under its id, so the live tables (and with them every query,
/// filter and unique index) no longer see it, while a restore can put back exactly what was taken out.
/// Each of these changes writes its change event, and so does every group whose member list it changes (a group that
/// loses a deleted member, or gets a restored one back): every new version of every resource has its event.
/// </summary>
internal sealed class TombstoneWriter(CommandCache commands, MembershipWriter memberships, AuditWriter audit, EventWriter events)
{
    private const string RemoveLiveSql = """
        DELETE FROM resources WHERE tenant = $tenant AND id = $id AND type = $type
        RETURNING version, created, last_modified, external_id, unique_key, display_key, display_name, document
        """;

    private const string RemoveLiveIfVersionSql = """
        DELETE FROM resources WHERE tenant = $tenant AND id = $id AND type = $type AND version = $expected
        RETURNING version, created, last_modified, external_id, unique_key, display_key, display_name, document
        """;

    private const string InsertTombstoneSql = """
        INSERT INTO tombstones (tenant, type, id, version, created, last_modified, external_id, unique_key, display_key, display_name, document, deleted_at)
        VALUES ($tenant, $type, $id, $version, $created, $last_modified, $external_id, $unique_key, $display_key, $display_name, $document, $deleted_at)
        """;

    // Ids are the server's (GUIDs), but the store contract lets a caller reuse one: a second delete of the same key
    // replaces the older tombstone, which is then past restoring anyway.
    private const string DropOlderTombstoneSql = "DELETE FROM tombstones WHERE tenant = $tenant AND id = $id AND type = $type";

    private const string KeepMembershipsSql = """
        INSERT OR IGNORE INTO tombstone_memberships (tenant, owner_id, group_id, member_id, member_type, display)
        SELECT tenant, $id, group_id, member_id, member_type, display FROM memberships WHERE tenant = $tenant AND group_id = $id
        UNION ALL
        SELECT tenant, $id, group_id, member_id, member_type, display FROM memberships WHERE tenant = $tenant AND member_id = $id
        """;

    // A group that loses a member because the member was deleted has changed: its version moves on.
    private const string TouchGroupsOfMemberSql = """
        UPDATE resources SET version = version + 1, last_modified = $now
        WHERE tenant = $tenant AND id IN (SELECT group_id FROM memberships WHERE tenant = $tenant AND member_id = $id)
        RETURNING type, id, version
        """;

    private const string ReadTombstoneSql = """
        SELECT version, created, external_id, unique_key, display_key, display_name, document FROM tombstones
        WHERE tenant = $tenant AND id = $id AND type = $type AND deleted_at >= $since
        """;

    private const string ReviveSql = """
        INSERT INTO resources (tenant, type, id, version, created, last_modified, external_id, unique_key, display_key, display_name, document)
        SELECT tenant, type, id, version + 1, created, $restored_at, external_id, unique_key, display_key, display_name, document
        FROM tombstones WHERE tenant = $tenant AND id = $id AND type = $type
        """;

    private const string LiveVersionSql = "SELECT version FROM resources WHERE tenant = $tenant AND id = $id AND type = $type";

    // A membership whose other side is itself deleted now waits in that side's tombstone, to return with it.
    private const string HandOverSql = """
        UPDATE OR REPLACE tombstone_memberships
        SET owner_id = CASE WHEN group_id = $id THEN member_id ELSE group_id END
        WHERE tenant = $tenant AND owner_id = $id AND NOT (group_id = $id AND member_id = $id)
          AND EXISTS (SELECT 1 FROM tombstones AS t
                      WHERE t.tenant = $tenant AND t.id = CASE WHEN group_id = $id THEN member_id ELSE group_id END)
        """;

    // The groups the restored resource rejoins change: their versions move on.
    private const string TouchRejoinedGroupsSql = """
        UPDATE resources SET version = version + 1, last_modified = $now
        WHERE tenant = $tenant AND id <> $id
          AND id IN (SELECT group_id FROM tombstone_memberships WHERE tenant = $tenant AND owner_id = $id AND member_id = $id)
        RETURNING type, id, version
        """;

    // Only rows whose group lives (or is the restored resource) return; a row naming a purged group is dropped.
    private const string ReturnMembershipsSql = """
        INSERT OR IGNORE INTO memberships (tenant, group_id, member_id, member_type, display)
        SELECT m.tenant, m.group_id, m.member_id, m.member_type, m.display FROM tombstone_memberships AS m
        WHERE m.tenant = $tenant AND m.owner_id = $id
          AND (m.group_id = $id OR EXISTS (SELECT 1 FROM resources AS r WHERE r.tenant = $tenant AND r.id = m.group_id))
        """;

    private const string DropKeptMembershipsSql = "DELETE FROM tombstone_memberships WHERE tenant = $tenant AND owner_id = $id";

    private const string ExpiredSql = "SELECT tenant, type, id, version FROM tombstones WHERE deleted_at < $before ORDER BY deleted_at LIMIT $limit";

    // A purged resource is gone for good: no tombstone keeps a membership naming it either.
    private const string DropMembershipsNamingSql = """
        DELETE FROM tombstone_memberships WHERE tenant = $tenant AND (owner_id = $id OR group_id = $id OR member_id = $id)
        """;

    private const string EraseAuditValuesSql = """
        UPDATE audit SET change_values = NULL
        WHERE tenant = $tenant AND type = $type AND id = $id AND change_values IS NOT NULL
        """;

    private const string ExpiredAuditSql = "DELETE FROM audit WHERE seq IN (SELECT seq FROM audit WHERE at < $before ORDER BY at LIMIT $limit)";

    private const string EraseEventValuesSql = """
        UPDATE events SET change_values = NULL
        WHERE tenant = $tenant AND type = $type AND id = $id AND change_values IS NOT NULL
        """;

    // Each tenant's newest event stays, whatever its age: the next position is the highest plus one.
    private const string ExpiredEventsSql = """
        DELETE FROM events WHERE (tenant, position) IN (
            SELECT e.tenant, e.position FROM events AS e
            WHERE e.at < $before AND e.position < (SELECT max(n.position) FROM events AS n WHERE n.tenant = e.tenant)
            ORDER BY e.at LIMIT $limit)
        """;

    public void Bury(ResourceDeletion deletion)
    {
        var key = deletion.Key;
        var keyParameters = KeyParameters(key);
        var remove = deletion.ExpectedVersion is { } expected
            ? commands.Get(RemoveLiveIfVersionSql, [.. keyParameters, ("$expected", expected)])
            : commands.Get(RemoveLiveSql, keyParameters);
        var deletedAt = RoundTripTime.Format(deletion.DeletedAt);
        long version;
        (string, object?)[] row;
        using (var reader = remove.ExecuteReader())
        {
            if (!reader.Read())
            {
                throw MissingOrStale(key, deletion.ExpectedVersion);
            }

            version = reader.GetInt64(0);
            row =
            [
                .. keyParameters,
                ("$version", version),
                ("$created", reader.GetString(1)),
                ("$last_modified", reader.GetString(2)),
                ("$external_id", NullableText(reader, 3)),
                ("$unique_key", NullableText(reader, 4)),
                ("$display_key", NullableText(reader, 5)),
                ("$display_name", NullableText(reader, 6)),
                ("$document", reader.GetString(7)),
                ("$deleted_at", deletedAt),
            ];
        }

        if (commands.Get(DropOlderTombstoneSql, keyParameters).ExecuteNonQuery() > 0)
        {
            commands.Get(DropKeptMembershipsSql, ("$tenant", key.Tenant), ("$id", key.Id)).ExecuteNonQuery();
        }

        commands.Get(InsertTombstoneSql, row).ExecuteNonQuery();
        commands.Get(KeepMembershipsSql, ("$tenant", key.Tenant), ("$id", key.Id)).ExecuteNonQuery();
        var touched = Touched(commands.Get(TouchGroupsOfMemberSql, ("$tenant", key.Tenant), ("$id", key.Id), ("$now", deletedAt)));
        memberships.RemoveEverywhere(key);
        audit.Record(key, deletion.Audit, version, null);
        events.Record(ChangeRecords.ForDelete(deletion, version));
        foreach (var (type, id, groupVersion) in touched)
        {
            events.Record(ChangeRecords.ForGroupMembership(key.Tenant, type, id, groupVersion, deletion.DeletedAt, key.Id, added: false));
        }
    }

    public StoredResource Restore(ResourceRestore restore)
    {
        var key = restore.Key;
        var keyParameters = KeyParameters(key);
        var buried = ReadTombstone(key, restore.DeletedSince) ?? throw ScimErrors.NoTombstone(key, restore.DeletedSince);
        var restoredAt = RoundTripTime.Format(restore.RestoredAt);
        try
        {
            commands.Get(ReviveSql, [.. keyParameters, ("$restored_at", restoredAt)]).ExecuteNonQuery();
        }
        catch (SqliteException error) when (SqliteConstraints.IsUniqueViolation(error))
        {
            var layout = ResourceTypeLayout.Of(key.Type);
            throw commands.Get(LiveVersionSql, keyParameters).ExecuteScalar() is long
                ? ScimErrors.DuplicateId(key)
                : ScimErrors.DuplicateValue(key, layout.UniqueAttribute?.Name ?? "id",
                    StoredDocument.From(StoredDocument.Parse(buried.Document), layout).UniqueValue);
        }

        var idParameters = new (string, object?)[] { ("$tenant", key.Tenant), ("$id", key.Id) };
        commands.Get(HandOverSql, idParameters).ExecuteNonQuery();
        var rejoined = Touched(commands.Get(TouchRejoinedGroupsSql, [.. idParameters, ("$now", restoredAt)]));
        commands.Get(ReturnMembershipsSql, idParameters).ExecuteNonQuery();
        commands.Get(DropKeptMembershipsSql, idParameters).ExecuteNonQuery();
        commands.Get(DropOlderTombstoneSql, keyParameters).ExecuteNonQuery();
        audit.Record(key, restore.Audit, buried.Version, buried.Version + 1);
        events.Record(ChangeRecords.ForRestore(restore, buried.Version + 1));
        foreach (var (type, id, groupVersion) in rejoined)
        {
            events.Record(ChangeRecords.ForGroupMembership(key.Tenant, type, id, groupVersion, restore.RestoredAt, key.Id, added: true));
        }
        return new StoredResource(
            key.Id, buried.Version + 1, RoundTripTime.Parse(buried.Created), RoundTripTime.Parse(restoredAt), StoredDocument.Parse(buried.Document));
    }

    public PurgeResult Purge(PurgeRequest request, DateTimeOffset now)
    {
        var expired = new List<(string Tenant, string Type, string Id, long Version)>();
        using (var reader = commands.Get(
            ExpiredSql, ("$before", RoundTripTime.Format(request.TombstonesDeletedBefore)), ("$limit", request.BatchSize)).ExecuteReader())
        {
            while (reader.Read())
            {
                expired.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
            }
        }

        foreach (var (tenant, type, id, version) in expired)
        {
            commands.Get(DropMembershipsNamingSql, ("$tenant", tenant), ("$id", id)).ExecuteNonQuery();
            if (request.EraseAuditValuesOfPurged)
            {
                commands.Get(EraseAuditValuesSql, ("$tenant", tenant), ("$type", type), ("$id", id)).ExecuteNonQuery();
                commands.Get(EraseEventValuesSql, ("$tenant", tenant), ("$type", type), ("$id", id)).ExecuteNonQuery();
            }

            commands.Get(DropOlderTombstoneSql, ("$tenant", tenant), ("$id", id), ("$type", type)).ExecuteNonQuery();
            events.Record(ChangeRecords.ForPurge(tenant, type, id, version, now));
        }

        var auditRecords = commands.Get(
            ExpiredAuditSql, ("$before", RoundTripTime.Format(request.AuditRecordedBefore)), ("$limit", request.BatchSize)).ExecuteNonQuery();
        var expiredEvents = request.EventsRecordedBefore is { } before
            ? commands.Get(ExpiredEventsSql, ("$before", RoundTripTime.Format(before)), ("$limit", request.BatchSize)).ExecuteNonQuery()
            : 0;
        return new PurgeResult(
            expired.Count, auditRecords, expired.Count < request.BatchSize && auditRecords < request.BatchSize && expiredEvents < request.BatchSize, expiredEvents);
    }

    // The groups an UPDATE … RETURNING type, id, version touched.
    private static List<(string Type, string Id, long Version)> Touched(SqliteCommand command)
    {
        var touched = new List<(string, string, long)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            touched.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return touched;
    }

    private Buried? ReadTombstone(ResourceKey key, DateTimeOffset deletedSince)
    {
        using var reader = commands.Get(ReadTombstoneSql, [.. KeyParameters(key), ("$since", RoundTripTime.Format(deletedSince))]).ExecuteReader();
        return reader.Read() ? new Buried(reader.GetInt64(0), reader.GetString(1), reader.GetString(6)) : null;
    }

    // Nothing was deleted: read once to tell a missing resource (404) from a stale version (412).
    private Exception MissingOrStale(ResourceKey key, long? expectedVersion) =>
        commands.Get(LiveVersionSql, KeyParameters(key)).ExecuteScalar() is long actual && expectedVersion is { } expected
            ? ScimErrors.VersionMismatch(actual)
            : ScimErrors.NotFound(key);

    private static (string, object?)[] KeyParameters(ResourceKey key) =>
        [("$tenant", key.Tenant), ("$id", key.Id), ("$type", key.Type.Name)];

    private static string? NullableText(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private sealed record Buried(long Version, string Created, string Document);
}
