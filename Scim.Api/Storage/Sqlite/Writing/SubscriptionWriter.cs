using Microsoft.Data.Sqlite;
using Scim.Api.Core.Events;
using Scim.Api.Core.Storage;
using Scim.Api.Storage.Sqlite.Reading;

namespace Scim.Api.Storage.Sqlite.Writing;

/// <summary>
/// Subscription writes, run by the writer like any write. Lease and progress updates carry their condition in the
/// statement (the owner, the revision, an expired lease), so two replicas on one file cannot both pass a check.
/// </summary>
internal sealed class SubscriptionWriter(CommandCache commands)
{
    private const string Returning = $"RETURNING {SubscriptionRows.Columns}";

    private const string InsertSql = $"""
        INSERT INTO subscriptions (tenant, id, definition, from_configuration, created, cursor, status, revision)
        VALUES ($tenant, $id, $definition, $from_configuration, $now, $cursor, 'active', 0)
        {Returning}
        """;

    // A definition from configuration replaces the stored one; the delivery state stays, and the revision moves on
    // only when the definition changed, so that restarts do not interrupt a delivering replica.
    private const string UpsertConfiguredSql = """
        INSERT INTO subscriptions (tenant, id, definition, from_configuration, created, cursor, status, revision)
        VALUES ($tenant, $id, $definition, 1, $now, $cursor, 'active', 0)
        ON CONFLICT (tenant, id) DO UPDATE SET
            revision = revision + (definition <> excluded.definition OR from_configuration = 0),
            definition = excluded.definition, from_configuration = 1
        """;

    private const string ReplaceSql = $"""
        UPDATE subscriptions SET definition = $definition, revision = revision + 1 WHERE tenant = $tenant AND id = $id
        {Returning}
        """;

    private const string DeleteSql = "DELETE FROM subscriptions WHERE tenant = $tenant AND id = $id";

    private const string ResetSql = $"""
        UPDATE subscriptions SET status = 'active', failing_since = NULL, last_error = NULL, cursor = coalesce($cursor, cursor),
            revision = revision + 1
        WHERE tenant = $tenant AND id = $id
        {Returning}
        """;

    private const string LeaseSql = $"""
        UPDATE subscriptions SET lease_owner = $owner, lease_until = $until
        WHERE tenant = $tenant AND id = $id AND status = 'active'
          AND (lease_owner IS NULL OR lease_owner = $owner OR lease_until < $now)
        {Returning}
        """;

    private const string ProgressSql = """
        UPDATE subscriptions SET cursor = max(cursor, $cursor), failing_since = $failing_since, last_error = $last_error,
            status = CASE WHEN $suspend THEN 'suspended' ELSE status END,
            lease_owner = CASE WHEN $suspend THEN NULL ELSE lease_owner END,
            lease_until = CASE WHEN $suspend THEN NULL ELSE $until END
        WHERE tenant = $tenant AND id = $id AND lease_owner = $owner AND revision = $revision
        """;

    private const string ReleaseSql = """
        UPDATE subscriptions SET lease_owner = NULL, lease_until = NULL WHERE tenant = $tenant AND id = $id AND lease_owner = $owner
        """;

    public StoredSubscription Create(Subscription subscription, long cursor, DateTimeOffset now)
    {
        try
        {
            return Single(commands.Get(InsertSql, [.. Definition(subscription), ("$from_configuration", 0), ("$now", RoundTripTime.Format(now)), ("$cursor", cursor)]))!;
        }
        catch (SqliteException error) when (SqliteConstraints.IsUniqueViolation(error))
        {
            throw SubscriptionDefinitions.Duplicate(subscription.Tenant, subscription.Id);
        }
    }

    public void UpsertConfigured(Subscription subscription, long cursor, DateTimeOffset now) =>
        commands.Get(UpsertConfiguredSql, [.. Definition(subscription), ("$now", RoundTripTime.Format(now)), ("$cursor", cursor)]).ExecuteNonQuery();

    public StoredSubscription Replace(Subscription subscription) =>
        Single(commands.Get(ReplaceSql, Definition(subscription)))
        ?? throw SubscriptionDefinitions.NotFound(subscription.Tenant, subscription.Id);

    public void Delete(string tenant, string id)
    {
        if (commands.Get(DeleteSql, ("$tenant", tenant), ("$id", id)).ExecuteNonQuery() == 0)
        {
            throw SubscriptionDefinitions.NotFound(tenant, id);
        }
    }

    public StoredSubscription Reset(string tenant, string id, long? cursor) =>
        Single(commands.Get(ResetSql, ("$tenant", tenant), ("$id", id), ("$cursor", cursor)))
        ?? throw SubscriptionDefinitions.NotFound(tenant, id);

    public StoredSubscription? TryLease(string tenant, string id, string owner, DateTimeOffset now, DateTimeOffset until) =>
        Single(commands.Get(
            LeaseSql, ("$tenant", tenant), ("$id", id), ("$owner", owner), ("$now", RoundTripTime.Format(now)), ("$until", RoundTripTime.Format(until))));

    public bool SaveProgress(string tenant, string id, string owner, long revision, DeliveryProgress progress) =>
        commands.Get(
            ProgressSql,
            ("$tenant", tenant),
            ("$id", id),
            ("$owner", owner),
            ("$revision", revision),
            ("$cursor", progress.Cursor),
            ("$failing_since", progress.FailingSince is { } since ? RoundTripTime.Format(since) : null),
            ("$last_error", progress.LastError),
            ("$suspend", progress.Suspend ? 1 : 0),
            ("$until", RoundTripTime.Format(progress.LeaseUntil))).ExecuteNonQuery() > 0;

    public void Release(string tenant, string id, string owner) =>
        commands.Get(ReleaseSql, ("$tenant", tenant), ("$id", id), ("$owner", owner)).ExecuteNonQuery();

    private static (string, object?)[] Definition(Subscription subscription) =>
    [
        ("$tenant", subscription.Tenant),
        ("$id", subscription.Id),
        ("$definition", SubscriptionDefinitions.ToJson(subscription).ToJsonString()),
    ];

    private static StoredSubscription? Single(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? SubscriptionRows.Read(reader) : null;
    }
}
