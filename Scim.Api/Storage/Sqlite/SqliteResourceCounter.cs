using Microsoft.Data.Sqlite;

namespace Scim.Api.Storage.Sqlite;

/// <summary>
/// Resources per tenant and type for the <c>scim.resources</c> gauge. The (tenant, type) index covers the query, so
/// SQLite counts index entries without reading a document.
/// </summary>
internal static class SqliteResourceCounter
{
    private const string CountSql = "SELECT tenant, type, count(*) FROM resources GROUP BY tenant, type";

    public static async Task<IReadOnlyList<ResourceCount>> CountAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = CountSql;
        var counts = new List<ResourceCount>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts.Add(new ResourceCount(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return counts;
    }
}
