using Microsoft.Data.Sqlite;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Events;
using Scim.Api.Core.Storage;
using Scim.Api.Storage.Sqlite.Schema;

namespace Scim.Api.Storage.Sqlite.Writing;

/// <summary>
/// The statements of each write, run by the writer inside the write's savepoint. Uniqueness is left to the
/// unique indexes and versions to a compare-and-swap in the UPDATE/DELETE itself: nothing is checked by a
/// query first, so two racing writers cannot both pass a check.
/// </summary>
internal sealed class ResourceWriter(SqliteConnection connection, SqliteStoreOptions options) : IDisposable
{
    private const string InsertSql = """
        INSERT INTO resources (tenant, type, id, version, created, last_modified, external_id, unique_key, display_key, display_name, document)
        VALUES ($tenant, $type, $id, 1, $created, $created, $external_id, $unique_key, $display_key, $display_name, $document)
        """;

    private const string ReplaceSql = """
        UPDATE resources
        SET version = version + 1, last_modified = $last_modified, document = $document, external_id = $external_id,
            unique_key = $unique_key, display_key = $display_key, display_name = $display_name
        WHERE tenant = $tenant AND id = $id AND type = $type AND version = $expected
        RETURNING version, created, document
        """;

    private const string TouchSql = """
        UPDATE resources SET version = version + 1, last_modified = $last_modified
        WHERE tenant = $tenant AND id = $id AND type = $type AND version = $expected
        RETURNING version, created, document
        """;

    // No version condition: a membership-only change applies whatever the version is (IResourceStore.UpdateAsync).
    private const string UnconditionalTouchSql = """
        UPDATE resources SET version = version + 1, last_modified = $last_modified
        WHERE tenant = $tenant AND id = $id AND type = $type
        RETURNING version, created, document
        """;

    private const string VersionSql = "SELECT version FROM resources WHERE tenant = $tenant AND id = $id AND type = $type";

    private readonly CommandCache _commands = new(connection);
    private MembershipWriter? _memberships;
    private AuditWriter? _audit;
    private EventWriter? _events;
    private SubscriptionWriter? _subscriptions;
    private TombstoneWriter? _tombstones;

    private MembershipWriter Memberships => _memberships ??= new MembershipWriter(_commands, options.RejectUnknownMembers);

    private AuditWriter Audit => _audit ??= new AuditWriter(_commands);

    private EventWriter Events => _events ??= new EventWriter(_commands);

    /// <summary>Subscription writes, on the writer's statements.</summary>
    public SubscriptionWriter Subscriptions => _subscriptions ??= new SubscriptionWriter(_commands);

    private TombstoneWriter Tombstones => _tombstones ??= new TombstoneWriter(_commands, Memberships, Audit, Events);

    public StoredResource Create(ResourceWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var key = write.Key;
        var layout = ResourceTypeLayout.Of(key.Type);
        if (write.Members.Count > 0 && !layout.HasMembers)
        {
            throw new ArgumentException($"{key.Type.Name} has no members attribute; the write carries members.", nameof(write));
        }

        var document = StoredDocument.From(write.Document, layout);
        var created = RoundTripTime.Format(write.Created);
        try
        {
            _commands.Get(
                InsertSql,
                ("$tenant", key.Tenant),
                ("$type", key.Type.Name),
                ("$id", key.Id),
                ("$created", created),
                ("$external_id", document.ExternalId),
                ("$unique_key", document.UniqueKey),
                ("$display_key", document.DisplayKey),
                ("$display_name", document.DisplayName),
                ("$document", document.Json)).ExecuteNonQuery();
        }
        catch (SqliteException error) when (SqliteConstraints.IsUniqueViolation(error))
        {
            throw CurrentVersion(key) is null
                ? ScimErrors.DuplicateValue(key, layout.UniqueAttribute?.Name ?? "id", document.UniqueValue)
                : ScimErrors.DuplicateId(key);
        }

        Memberships.Add(key, write.Members);
        Audit.Record(key, write.Audit, null, 1);
        Events.Record(ChangeRecords.ForCreate(write));
        var instant = RoundTripTime.Parse(created);
        return new StoredResource(key.Id, 1, instant, instant, StoredDocument.Parse(document.Json));
    }

    public StoredResource Update(ResourceUpdate update, long? expectedVersion)
    {
        ArgumentNullException.ThrowIfNull(update);
        var key = update.Key;
        var layout = ResourceTypeLayout.Of(key.Type);
        if (update.Members is { IsEmpty: false } && !layout.HasMembers)
        {
            throw new ArgumentException($"{key.Type.Name} has no members attribute; the update changes members.", nameof(update));
        }

        var lastModified = RoundTripTime.Format(update.LastModified);
        var document = update.Document is null ? null : StoredDocument.From(update.Document, layout);
        var command = (document, expectedVersion) switch
        {
            (null, null) => _commands.Get(UnconditionalTouchSql, KeyParameters(key, lastModified)),
            (null, { } expected) => _commands.Get(TouchSql, [.. KeyParameters(key, lastModified), ("$expected", expected)]),
            ({ } replacement, { } expected) => _commands.Get(
                ReplaceSql,
                [
                    .. KeyParameters(key, lastModified),
                    ("$expected", expected),
                    ("$document", replacement.Json),
                    ("$external_id", replacement.ExternalId),
                    ("$unique_key", replacement.UniqueKey),
                    ("$display_key", replacement.DisplayKey),
                    ("$display_name", replacement.DisplayName),
                ]),
            ({ }, null) => throw UpdateConditions.UnversionedDocument(key),
        };

        StoredResource? updated;
        try
        {
            updated = ReadUpdated(command, key.Id, lastModified);
        }
        catch (SqliteException error) when (SqliteConstraints.IsUniqueViolation(error))
        {
            throw ScimErrors.DuplicateValue(key, layout.UniqueAttribute?.Name ?? "id", document?.UniqueValue);
        }

        if (updated is null)
        {
            throw MissingOrStale(key, expectedVersion);
        }

        var delta = update.Members is { IsEmpty: false } members ? members : null;
        var cleared = delta is null ? null : Memberships.Apply(key, delta);

        // The statement itself sets version = version + 1: what it replaced is the version before the one it returns.
        Audit.Record(key, update.Audit, updated.Version - 1, updated.Version);
        Events.Record(ChangeRecords.ForWrite(key, update.Audit, ChangeOperation.Patch, updated.Version, update.LastModified, delta, cleared));
        return updated;
    }

    public void Delete(ResourceDeletion deletion)
    {
        ArgumentNullException.ThrowIfNull(deletion);
        Tombstones.Bury(deletion);
    }

    public StoredResource Restore(ResourceRestore restore)
    {
        ArgumentNullException.ThrowIfNull(restore);
        return Tombstones.Restore(restore);
    }

    public PurgeResult Purge(PurgeRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Tombstones.Purge(request, now);
    }

    public void Dispose() => _commands.Dispose();

    private static (string, object?)[] KeyParameters(ResourceKey key, string lastModified) =>
    [
        ("$tenant", key.Tenant),
        ("$id", key.Id),
        ("$type", key.Type.Name),
        ("$last_modified", lastModified),
    ];

    private static StoredResource? ReadUpdated(SqliteCommand command, string id, string lastModified)
    {
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return new StoredResource(
            id,
            reader.GetInt64(0),
            RoundTripTime.Parse(reader.GetString(1)),
            RoundTripTime.Parse(lastModified),
            StoredDocument.Parse(reader.GetString(2)));
    }

    // Zero rows changed: read once to tell a missing resource (404) from a stale version (412).
    private Exception MissingOrStale(ResourceKey key, long? expectedVersion) =>
        CurrentVersion(key) is { } actual && expectedVersion is { } expected
            ? ScimErrors.VersionMismatch(actual)
            : ScimErrors.NotFound(key);

    private long? CurrentVersion(ResourceKey key) =>
        _commands.Get(VersionSql, ("$tenant", key.Tenant), ("$id", key.Id), ("$type", key.Type.Name)).ExecuteScalar() is long version
            ? version
            : null;
}
