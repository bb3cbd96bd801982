using System.Globalization;
using Microsoft.Data.Sqlite;
using Scim.Api.Core.Storage;

namespace Scim.Api.Storage.Sqlite.Schema;

/// <summary>
/// Versioned schema changes, applied in order at start-up inside one transaction and recorded in
/// <c>schema_migrations</c>; applying them again changes nothing. A file written by a newer build is refused.
/// </summary>
internal static class SqliteMigrations
{
    private static readonly Migration[] All =
    [
        new(1, "resources, memberships and their indexes", """
            CREATE TABLE resources (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                tenant TEXT NOT NULL,
                type TEXT NOT NULL,
                id TEXT NOT NULL,
                version INTEGER NOT NULL,
                created TEXT NOT NULL,
                last_modified TEXT NOT NULL,
                external_id TEXT,
                unique_key TEXT,
                display_key TEXT,
                display_name TEXT,
                document TEXT NOT NULL
            );
            CREATE UNIQUE INDEX resources_by_id ON resources (tenant, id, type);
            CREATE UNIQUE INDEX resources_by_unique_key ON resources (tenant, type, unique_key);
            CREATE INDEX resources_by_type ON resources (tenant, type);
            CREATE INDEX resources_by_external_id ON resources (tenant, type, external_id);
            CREATE INDEX resources_by_display_key ON resources (tenant, type, display_key);
            CREATE INDEX resources_by_created ON resources (tenant, type, created);
            CREATE INDEX resources_by_last_modified ON resources (tenant, type, last_modified);
            CREATE TABLE memberships (
                tenant TEXT NOT NULL,
                group_id TEXT NOT NULL,
                member_id TEXT NOT NULL,
                member_type TEXT,
                display TEXT,
                PRIMARY KEY (tenant, group_id, member_id)
            ) WITHOUT ROWID;
            CREATE INDEX memberships_by_member ON memberships (tenant, member_id);
            """),

        // Tombstones and their membership rows live in tables of their own, so that every read, query, filter and
        // unique index of the live tables stays as it was and never sees a deleted resource.
        new(2, "tombstones, their memberships, and the audit trail", """
            CREATE TABLE tombstones (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                tenant TEXT NOT NULL,
                type TEXT NOT NULL,
                id TEXT NOT NULL,
                version INTEGER NOT NULL,
                created TEXT NOT NULL,
                last_modified TEXT NOT NULL,
                external_id TEXT,
                unique_key TEXT,
                display_key TEXT,
                display_name TEXT,
                document TEXT NOT NULL,
                deleted_at TEXT NOT NULL
            );
            CREATE UNIQUE INDEX tombstones_by_id ON tombstones (tenant, id, type);
            CREATE INDEX tombstones_by_deletion ON tombstones (tenant, type, deleted_at);
            CREATE INDEX tombstones_by_age ON tombstones (deleted_at);
            CREATE TABLE tombstone_memberships (
                tenant TEXT NOT NULL,
                owner_id TEXT NOT NULL,
                group_id TEXT NOT NULL,
                member_id TEXT NOT NULL,
                member_type TEXT,
                display TEXT,
                PRIMARY KEY (tenant, owner_id, group_id, member_id)
            ) WITHOUT ROWID;
            CREATE TABLE audit (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                tenant TEXT NOT NULL,
                type TEXT NOT NULL,
                id TEXT NOT NULL,
                operation TEXT NOT NULL,
                credential_id TEXT NOT NULL,
                request_id TEXT,
                trace_id TEXT,
                at TEXT NOT NULL,
                version_before INTEGER,
                version_after INTEGER,
                changed TEXT NOT NULL,
                change_values TEXT
            );
            CREATE INDEX audit_by_resource ON audit (tenant, type, id, seq);
            CREATE INDEX audit_by_tenant ON audit (tenant, seq);
            CREATE INDEX audit_by_time ON audit (at);
            """),

        // RFC 7644 §3.4.2: every unfiltered list answers totalResults. Counting index entries costs O(rows) per page
        // (60 ms at a million users), so the count of each (tenant, type) is kept by triggers in the transaction of
        // the write itself, and a page reads its total in the same snapshot as its rows. No UPDATE of resources
        // changes tenant or type, so inserts and deletes are all that move a count. A row may fall to 0 and stay.
        new(3, "resource counts per tenant and type, kept by triggers", """
            CREATE TABLE resource_counts (
                tenant TEXT NOT NULL,
                type TEXT NOT NULL,
                n INTEGER NOT NULL,
                PRIMARY KEY (tenant, type)
            ) WITHOUT ROWID;
            INSERT INTO resource_counts (tenant, type, n) SELECT tenant, type, count(*) FROM resources GROUP BY tenant, type;
            CREATE TRIGGER resources_counted_on_insert AFTER INSERT ON resources
            BEGIN
                INSERT INTO resource_counts (tenant, type, n) VALUES (NEW.tenant, NEW.type, 1)
                ON CONFLICT (tenant, type) DO UPDATE SET n = n + 1;
            END;
            CREATE TRIGGER resources_counted_on_delete AFTER DELETE ON resources
            BEGIN
                UPDATE resource_counts SET n = n - 1 WHERE tenant = OLD.tenant AND type = OLD.type;
            END;
            """),

        // Change events are written by the writer in the savepoint of their change, so an event exists exactly when the
        // change committed. A tenant's next position is its highest plus one, read in the same transaction: one writer
        // at a time (BEGIN IMMEDIATE) makes positions gap-free and committed in order, and the retention purge keeps
        // each tenant's newest event so that a position is never handed out twice. Subscriptions keep their delivery
        // state (cursor, lease, suspension) here so that every replica on the file and every restart sees it.
        new(4, "change events and webhook subscriptions", """
            CREATE TABLE events (
                tenant TEXT NOT NULL,
                position INTEGER NOT NULL,
                type TEXT NOT NULL,
                id TEXT NOT NULL,
                operation TEXT NOT NULL,
                version INTEGER NOT NULL,
                at TEXT NOT NULL,
                changed TEXT NOT NULL,
                members_added TEXT,
                members_removed TEXT,
                change_values TEXT,
                PRIMARY KEY (tenant, position)
            ) WITHOUT ROWID;
            CREATE INDEX events_by_time ON events (at);
            CREATE INDEX events_by_resource ON events (tenant, type, id);
            CREATE TABLE subscriptions (
                tenant TEXT NOT NULL,
                id TEXT NOT NULL,
                definition TEXT NOT NULL,
                from_configuration INTEGER NOT NULL,
                created TEXT NOT NULL,
                cursor INTEGER NOT NULL,
                status TEXT NOT NULL,
                revision INTEGER NOT NULL,
                failing_since TEXT,
                last_error TEXT,
                lease_owner TEXT,
                lease_until TEXT,
                PRIMARY KEY (tenant, id)
            ) WITHOUT ROWID;
            """),

        // The operator console: the provisioning log (bounded per tenant and by age; written in batches off the
        // request path), its counts per tenant, credential and minute (exact whatever the log keeps), each
        // credential's last call, and the console's cookie keys (every replica reads the same key ring).
        new(5, "provisioning log, request counts per minute, credential activity, console keys", """
            CREATE TABLE request_log (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                tenant TEXT NOT NULL,
                at TEXT NOT NULL,
                credential TEXT NOT NULL,
                client TEXT,
                method TEXT NOT NULL,
                route TEXT NOT NULL,
                operation TEXT NOT NULL,
                resource_type TEXT,
                resource_id TEXT,
                status INTEGER NOT NULL,
                scim_type TEXT,
                detail TEXT,
                duration_us INTEGER NOT NULL
            );
            CREATE INDEX request_log_by_tenant ON request_log (tenant, seq);
            CREATE INDEX request_log_by_resource ON request_log (tenant, resource_id, seq);
            CREATE INDEX request_log_by_age ON request_log (at);
            CREATE TABLE request_minutes (
                tenant TEXT NOT NULL,
                credential TEXT NOT NULL,
                minute TEXT NOT NULL,
                success INTEGER NOT NULL DEFAULT 0,
                redirect INTEGER NOT NULL DEFAULT 0,
                client_error INTEGER NOT NULL DEFAULT 0,
                server_error INTEGER NOT NULL DEFAULT 0,
                throttled INTEGER NOT NULL DEFAULT 0,
                d0 INTEGER NOT NULL DEFAULT 0, d1 INTEGER NOT NULL DEFAULT 0, d2 INTEGER NOT NULL DEFAULT 0, d3 INTEGER NOT NULL DEFAULT 0, d4 INTEGER NOT NULL DEFAULT 0, d5 INTEGER NOT NULL DEFAULT 0, d6 INTEGER NOT NULL DEFAULT 0, d7 INTEGER NOT NULL DEFAULT 0, d8 INTEGER NOT NULL DEFAULT 0, d9 INTEGER NOT NULL DEFAULT 0, d10 INTEGER NOT NULL DEFAULT 0, d11 INTEGER NOT NULL DEFAULT 0, d12 INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (minute, tenant, credential)
            ) WITHOUT ROWID;
            CREATE TABLE credential_activity (
                tenant TEXT NOT NULL,
                credential TEXT NOT NULL,
                last_at TEXT NOT NULL,
                last_client TEXT,
                recent TEXT NOT NULL,
                PRIMARY KEY (tenant, credential)
            ) WITHOUT ROWID;
            CREATE INDEX credential_activity_by_age ON credential_activity (last_at);
            CREATE TABLE console_keys (
                name TEXT PRIMARY KEY,
                xml TEXT NOT NULL
            ) WITHOUT ROWID;
            """),
    ];

    public static int LatestVersion => All[^1].Version;

    public static void Apply(SqliteConnection connection, TimeProvider timeProvider)
    {
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY,
                description TEXT NOT NULL,
                applied_at TEXT NOT NULL
            )
            """);
        Execute(connection, "BEGIN IMMEDIATE");
        try
        {
            var current = CurrentVersion(connection);
            if (current > LatestVersion)
            {
                throw new InvalidOperationException(
                    $"The database schema is at version {current}, newer than this build knows ({LatestVersion}); "
                    + "upgrade the service or restore a matching backup.");
            }

            foreach (var migration in All.Where(m => m.Version > current))
            {
                Execute(connection, migration.Sql);
                using var record = connection.CreateCommand();
                record.CommandText = "INSERT INTO schema_migrations (version, description, applied_at) VALUES ($version, $description, $at)";
                record.Parameters.AddWithValue("$version", migration.Version);
                record.Parameters.AddWithValue("$description", migration.Description);
                record.Parameters.AddWithValue("$at", RoundTripTime.Format(timeProvider.GetUtcNow()));
                record.ExecuteNonQuery();
            }

            Execute(connection, "COMMIT");
        }
        catch
        {
            Execute(connection, "ROLLBACK");
            throw;
        }
    }

    public static int CurrentVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(version), 0) FROM schema_migrations";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private sealed record Migration(int Version, string Description, string Sql);
}
