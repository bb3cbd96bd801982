using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Scim.Api.Core.Events;
using Scim.Api.Core.Storage;

namespace Scim.Api.Storage.Sqlite.Reading;

/// <summary>Reads subscriptions: one, a tenant's, or every tenant's (by tenant and id, the primary key's order).</summary>
internal static class SubscriptionRows
{
    /// <summary>The columns every read (and every write's RETURNING) selects, in the order <see cref="Read"/> reads them.</summary>
    public const string Columns = "tenant, id, definition, from_configuration, created, cursor, status, revision, failing_since, last_error, lease_owner, lease_until";

    public static async Task<IReadOnlyList<StoredSubscription>> ListAsync(SqliteConnection connection, string? tenant, CancellationToken cancellationToken)
    {
        using var statement = ReaderStatements.Get(connection, tenant is null
            ? $"SELECT {Columns} FROM subscriptions ORDER BY tenant, id"
            : $"SELECT {Columns} FROM subscriptions WHERE tenant = $tenant ORDER BY id");
        if (tenant is not null)
        {
            statement.Command.Parameters.AddWithValue("$tenant", tenant);
        }

        return await ReadAllAsync(statement.Command, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<StoredSubscription?> GetAsync(SqliteConnection connection, string tenant, string id, CancellationToken cancellationToken)
    {
        using var statement = ReaderStatements.Get(connection, $"SELECT {Columns} FROM subscriptions WHERE tenant = $tenant AND id = $id");
        statement.Command.Parameters.AddWithValue("$tenant", tenant);
        statement.Command.Parameters.AddWithValue("$id", id);
        return (await ReadAllAsync(statement.Command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    public static StoredSubscription Read(SqliteDataReader reader)
    {
        var definition = SubscriptionDefinitions.FromJson(
            reader.GetString(0), reader.GetString(1), reader.GetInt64(3) != 0, JsonNode.Parse(reader.GetString(2))!.AsObject());
        var state = new SubscriptionState(
            reader.GetInt64(5),
            SubscriptionDefinitions.ParseStatus(reader.GetString(6)),
            reader.GetInt64(7),
            reader.IsDBNull(8) ? null : RoundTripTime.Parse(reader.GetString(8)),
            reader.IsDBNull(9) ? null : reader.GetString(9),
            reader.IsDBNull(10) ? null : reader.GetString(10),
            reader.IsDBNull(11) ? null : RoundTripTime.Parse(reader.GetString(11)));
        return new StoredSubscription(definition, state, RoundTripTime.Parse(reader.GetString(4)));
    }

    private static async Task<List<StoredSubscription>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var subscriptions = new List<StoredSubscription>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            subscriptions.Add(Read(reader));
        }

        return subscriptions;
    }
}
