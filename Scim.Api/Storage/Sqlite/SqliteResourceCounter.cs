using Microsoft.Data.Sqlite;

namespace Scim.Api.Storage.Sqlite;

/// <summary>
/// Resources per tenant and type for the <c>scim.resources</c> gauge: the counts the triggers of
/// <c>resources</c> keep, so the gauge reads one small table instead of counting every row. A (tenant, type)
/// whose resources were all deleted keeps a row at 0 and is left out, as if it had never held any.
/// </summary>
internal static class SqliteResourceCounter
{
    public const string CountSql = "SELECT tenant, type, n FROM resource_counts WHERE n > 0";

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
