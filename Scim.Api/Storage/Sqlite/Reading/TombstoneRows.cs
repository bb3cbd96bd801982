using Microsoft.Data.Sqlite;
using Scim.Api.Core.Storage;

namespace Scim.Api.Storage.Sqlite.Reading;

/// <summary>Lists a tenant's tombstones, most recently deleted first, with the total from the same snapshot.</summary>
internal static class TombstoneRows
{
    public static async Task<TombstonePage> ListAsync(SqliteConnection connection, DeletedQuery query, CancellationToken cancellationToken)
    {
        var where = "tenant = $tenant AND deleted_at >= $since" + (query.Type is null ? "" : " AND type = $type");
        using var snapshot = ReadSnapshot.Begin(connection);
        long total;
        using (var count = Command(connection, $"SELECT count(*) FROM tombstones WHERE {where}", query))
        {
            total = (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        var tombstones = new List<Tombstone>();
        if (query.Page.Count <= 0 || query.Page.Offset >= total)
        {
            return new TombstonePage(total, tombstones);
        }

        using var page = Command(connection, $"""
            SELECT type, id, version, created, last_modified, deleted_at, display_name FROM tombstones
            WHERE {where} ORDER BY deleted_at DESC, seq DESC LIMIT $limit OFFSET $offset
            """, query);
        page.Parameters.AddWithValue("$limit", query.Page.Count);
        page.Parameters.AddWithValue("$offset", query.Page.Offset);
        using var reader = await page.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            tombstones.Add(new Tombstone(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetInt64(2),
                RoundTripTime.Parse(reader.GetString(3)),
                RoundTripTime.Parse(reader.GetString(4)),
                RoundTripTime.Parse(reader.GetString(5)),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return new TombstonePage(total, tombstones);
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, DeletedQuery query)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$tenant", query.Tenant);
        command.Parameters.AddWithValue("$since", RoundTripTime.Format(query.DeletedSince));
        if (query.Type is not null)
        {
            command.Parameters.AddWithValue("$type", query.Type.Name);
        }

        return command;
    }
}
