using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Scim.Api.Core.Events;
using Scim.Api.Core.Storage;

namespace Scim.Api.Storage.Sqlite.Reading;

/// <summary>A tenant's events after a position, oldest first, and its newest position, from one snapshot.</summary>
internal static class EventRows
{
    private const string PageSql = """
        SELECT position, type, id, operation, version, at, changed, members_added, members_removed, change_values
        FROM events WHERE tenant = $tenant AND position > $after ORDER BY position LIMIT $limit
        """;

    private const string LastSql = "SELECT coalesce(max(position), 0) FROM events WHERE tenant = $tenant";

    public static async Task<ChangeEventPage> ReadAsync(SqliteConnection connection, ChangeEventQuery query, CancellationToken cancellationToken)
    {
        using var snapshot = ReadSnapshot.Begin(connection);
        long last;
        using (var statement = ReaderStatements.Get(connection, LastSql))
        {
            statement.Command.Parameters.AddWithValue("$tenant", query.Tenant);
            last = (long)(await statement.Command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        var events = new List<ChangeEvent>();
        if (query.Count <= 0 || query.AfterPosition >= last)
        {
            return new ChangeEventPage(events, last);
        }

        using var page = ReaderStatements.Get(connection, PageSql);
        page.Command.Parameters.AddWithValue("$tenant", query.Tenant);
        page.Command.Parameters.AddWithValue("$after", query.AfterPosition);
        page.Command.Parameters.AddWithValue("$limit", query.Count);
        using var reader = await page.Command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(new ChangeEvent(
                query.Tenant,
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                ChangeOperationNames.Parse(reader.GetString(3)),
                reader.GetInt64(4),
                RoundTripTime.Parse(reader.GetString(5)),
                Names(reader.GetString(6)),
                reader.IsDBNull(7) ? [] : Names(reader.GetString(7)),
                reader.IsDBNull(8) ? [] : Names(reader.GetString(8)),
                reader.IsDBNull(9) ? null : JsonNode.Parse(reader.GetString(9)) as JsonObject));
        }

        return new ChangeEventPage(events, last);
    }

    private static IReadOnlyList<string> Names(string json) =>
        JsonSerializer.Deserialize(json, StoreJsonContext.Default.IReadOnlyListString) ?? [];
}
