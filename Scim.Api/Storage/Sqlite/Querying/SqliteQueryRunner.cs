using Microsoft.Data.Sqlite;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Storage;
using Scim.Api.Storage.Sqlite.Reading;
using Scim.Api.Storage.Sqlite.Schema;

namespace Scim.Api.Storage.Sqlite.Querying;

/// <summary>
/// Runs a list or search: the exact total and one page, from one snapshot. The page is chosen over the indexes
/// alone (an inner SELECT of row sequence numbers with LIMIT/OFFSET) and only its rows' documents are read, so
/// a deep page costs index steps, not document reads.
/// </summary>
internal static class SqliteQueryRunner
{
    public static (string Where, string OrderBy, SqlContext Parameters) Translate(ResourceQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new SqlContext();
        var where = "r.tenant = $tenant AND r.type = $type";
        if (query.Filter is not null)
        {
            // The Core resolver canonicalizes names and brings values to their attribute's kind, with the
            // same errors the in-memory evaluator gives; the translator then only maps the resolved tree.
            var resolved = FilterResolver.Resolve(query.Filter, query.Type);
            where += $" AND {new SqliteFilterTranslator(query.Type, sql).Translate(resolved)}";
        }

        return (where, SqliteSortTranslator.OrderBy(query.Type, query.Sort, sql), sql);
    }

    public static async Task<QueryResult> RunAsync(SqliteConnection connection, ResourceQuery query, CancellationToken cancellationToken)
    {
        var (where, orderBy, parameters) = Translate(query);
        var offset = Math.Max(0, query.Page.Offset);
        var count = Math.Max(0, query.Page.Count);

        using var snapshot = ReadSnapshot.Begin(connection);
        long total;
        using (var countCommand = Command(connection, CountSql(where), query, parameters))
        {
            total = (long)(await countCommand.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        if (count == 0 || offset >= total)
        {
            return new QueryResult(total, []);
        }

        var resources = new List<StoredResource>(count);
        using (var pageCommand = Command(connection, PageSql(where, orderBy), query, parameters))
        {
            pageCommand.Parameters.AddWithValue("$limit", count);
            pageCommand.Parameters.AddWithValue("$offset", offset);
            using var reader = await pageCommand.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                resources.Add(ResourceRows.Read(reader));
            }
        }

        await MembershipReader.AttachAsync(connection, query.Tenant, ResourceTypeLayout.Of(query.Type), resources, query.Read, cancellationToken)
            .ConfigureAwait(false);
        return new QueryResult(total, resources);
    }

    public static string CountSql(string where) => $"SELECT count(*) FROM resources AS r WHERE {where}";

    // The inner SELECT reads only index entries (rowids in the wanted order); documents are read for the page alone.
    public static string PageSql(string where, string orderBy) => $"""
        SELECT {ResourceRows.Columns} FROM resources AS r
        WHERE r.seq IN (SELECT r.seq FROM resources AS r WHERE {where} ORDER BY {orderBy} LIMIT $limit OFFSET $offset)
        ORDER BY {orderBy}
        """;

    private static SqliteCommand Command(SqliteConnection connection, string sql, ResourceQuery query, SqlContext parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$tenant", query.Tenant);
        command.Parameters.AddWithValue("$type", query.Type.Name);
        parameters.BindTo(command);
        return command;
    }
}
