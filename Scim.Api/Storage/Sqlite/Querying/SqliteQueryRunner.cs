using System.Text.Json;
using Microsoft.Data.Sqlite;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Storage;
using Scim.Api.Storage.Sqlite.Reading;
using Scim.Api.Storage.Sqlite.Schema;

namespace Scim.Api.Storage.Sqlite.Querying;

/// <summary>
/// Runs a list or search: the exact total and one page, from one snapshot. The page is first chosen as row
/// numbers (over the indexes alone when no filter needs the documents), then only its rows' documents are read,
/// so a deep page costs index steps, not document reads.
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
        if (query.Keyset is not null)
        {
            return await SqliteKeysetRunner.RunAsync(connection, query, cancellationToken).ConfigureAwait(false);
        }

        var (where, orderBy, parameters) = Translate(query);
        var offset = Math.Max(0, query.Page.Offset);
        var count = Math.Max(0, query.Page.Count);
        var layout = ResourceTypeLayout.Of(query.Type);
        // A group's members come from a second statement, which must see the same snapshot as the page.
        if (query.Filter is not null && count > 0 && !(query.Read.IncludeMembers && layout.HasMembers))
        {
            var withGroups = query.Read.IncludeGroups && layout.HasGroups;
            return await FilteredPageAsync(connection, where, orderBy, offset, count, withGroups, query, parameters, cancellationToken)
                .ConfigureAwait(false);
        }

        using var snapshot = ReadSnapshot.Begin(connection);
        if (count == 0)
        {
            return new QueryResult(await CountAsync(connection, where, query, parameters, cancellationToken).ConfigureAwait(false), []);
        }

        // Without a filter the total is the kept count and the page comes from an index alone. A filter that reads
        // documents is evaluated once: the windowed count rides along with the page of row numbers.
        var (total, page) = query.Filter is null
            ? (await CountAsync(connection, where, query, parameters, cancellationToken).ConfigureAwait(false),
                (await PageAsync(connection, PageSql(where, orderBy), offset, count, query, parameters, cancellationToken).ConfigureAwait(false)).Seqs)
            : await PageAsync(connection, CountedPageSql(where, orderBy), offset, count, query, parameters, cancellationToken).ConfigureAwait(false);
        if (page.Count == 0 && offset > 0 && query.Filter is not null)
        {
            total = await CountAsync(connection, where, query, parameters, cancellationToken).ConfigureAwait(false);
        }

        return new QueryResult(total, await ReadPageAsync(connection, query, page, cancellationToken).ConfigureAwait(false));
    }

    public const string KeptCountSql = "SELECT coalesce((SELECT n FROM resource_counts WHERE tenant = $tenant AND type = $type), 0)";

    /// <summary>
    /// The total of a list (RFC 7644 §3.4.2): unfiltered, the count the triggers keep for the tenant and type (no row
    /// yet means none), read in O(1); filtered, the matches counted.
    /// </summary>
    public static string CountSql(string where, bool filtered) =>
        filtered ? $"SELECT count(*) FROM resources AS r WHERE {where}" : KeptCountSql;

    /// <summary>The row numbers of one page, read from indexes alone when the filter and sort allow it.</summary>
    public static string PageSql(string where, string orderBy) =>
        $"SELECT r.seq, NULL FROM resources AS r WHERE {where} ORDER BY {orderBy} {SqlLimit.Clause} OFFSET $offset";

    /// <summary>The row numbers of one page and, on each row, the number of matches.</summary>
    public static string CountedPageSql(string where, string orderBy) =>
        $"SELECT r.seq, count(*) OVER () FROM resources AS r WHERE {where} ORDER BY {orderBy} {SqlLimit.Clause} OFFSET $offset";

    public const string DocumentsSql = $"SELECT {ResourceRows.Columns}, r.seq FROM resources AS r WHERE r.seq IN (SELECT value FROM json_each($seqs))";

    /// <summary>
    /// A filtered page in one statement, which is its own snapshot: the page's row numbers and the number of matches
    /// (over the indexes alone when the filter allows it), then those rows' documents and, for users, their groups,
    /// in the page's order. It saves the read transaction and the second statement that a page of members needs.
    /// </summary>
    public static string FilteredPageSql(string where, string orderBy, bool withGroups) => $"""
        WITH page AS (
            SELECT r.seq, count(*) OVER () AS total FROM resources AS r WHERE {where}
            ORDER BY {orderBy} {SqlLimit.Clause} OFFSET $offset)
        SELECT {ResourceRows.Columns}, r.seq, page.total{(withGroups ? $", {MembershipReader.UserGroupColumns}" : "")}
        FROM page JOIN resources AS r ON r.seq = page.seq
        {(withGroups ? MembershipReader.UserGroupsJoin : "")}
        ORDER BY {orderBy}{(withGroups ? ", m.group_id" : "")}
        """;

    private static async Task<QueryResult> FilteredPageAsync(
        SqliteConnection connection,
        string where,
        string orderBy,
        long offset,
        int count,
        bool withGroups,
        ResourceQuery query,
        SqlContext parameters,
        CancellationToken cancellationToken)
    {
        var resources = new List<StoredResource>(Math.Min(count, 1000));
        long total = 0;
        using (var statement = Statement(connection, FilteredPageSql(where, orderBy, withGroups), query, parameters))
        {
            var command = statement.Command;
            command.Parameters.AddWithValue("$limit", count);
            command.Parameters.AddWithValue("$offset", offset);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            long? currentSeq = null;
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                // One row per (resource, group): rows of one resource follow each other.
                var seq = reader.GetInt64(5);
                if (seq != currentSeq)
                {
                    resources.Add(ResourceRows.Read(reader));
                    total = reader.GetInt64(6);
                    currentSeq = seq;
                }

                if (withGroups)
                {
                    MembershipReader.AddGroupOfRow(resources[^1], reader, 7);
                }
            }
        }

        // Past the last match there is no row to carry the total.
        if (resources.Count == 0 && offset > 0)
        {
            total = await CountAsync(connection, where, query, parameters, cancellationToken).ConfigureAwait(false);
        }

        return new QueryResult(total, resources);
    }

    private static async Task<long> CountAsync(
        SqliteConnection connection, string where, ResourceQuery query, SqlContext parameters, CancellationToken cancellationToken)
    {
        using var statement = Statement(connection, CountSql(where, query.Filter is not null), query, parameters);
        return (long)(await statement.Command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task<(long Total, List<long> Seqs)> PageAsync(
        SqliteConnection connection, string sql, long offset, int count, ResourceQuery query, SqlContext parameters, CancellationToken cancellationToken)
    {
        using var statement = Statement(connection, sql, query, parameters);
        var command = statement.Command;
        command.Parameters.AddWithValue("$limit", count);
        command.Parameters.AddWithValue("$offset", offset);
        var seqs = new List<long>(Math.Min(count, 1000));
        long total = 0;
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            seqs.Add(reader.GetInt64(0));
            total = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
        }

        return (total, seqs);
    }

    // Users with their groups: one row per (user, group), so a page of users needs no separate membership statement.
    public const string DocumentsWithGroupsSql = $"""
        SELECT {ResourceRows.Columns}, r.seq, {MembershipReader.UserGroupColumns}
        FROM resources AS r
        {MembershipReader.UserGroupsJoin}
        WHERE r.seq IN (SELECT value FROM json_each($seqs))
        ORDER BY r.seq, m.group_id
        """;

    /// <summary>The page's resources in the page's order, with the members or groups the query asks for.</summary>
    public static async Task<List<StoredResource>> ReadPageAsync(
        SqliteConnection connection, ResourceQuery query, List<long> seqs, CancellationToken cancellationToken)
    {
        var layout = ResourceTypeLayout.Of(query.Type);
        var withGroups = query.Read.IncludeGroups && layout.HasGroups;
        var resources = await ReadDocumentsAsync(connection, seqs, withGroups, cancellationToken).ConfigureAwait(false);
        var rest = withGroups ? query.Read with { IncludeGroups = false } : query.Read;
        await MembershipReader.AttachAsync(connection, query.Tenant, layout, resources, rest, cancellationToken).ConfigureAwait(false);
        return resources;
    }

    // Only the page's documents are read, by row number, and put back in the page's order.
    private static async Task<List<StoredResource>> ReadDocumentsAsync(
        SqliteConnection connection, List<long> seqs, bool withGroups, CancellationToken cancellationToken)
    {
        if (seqs.Count == 0)
        {
            return [];
        }

        var bySeq = new Dictionary<long, StoredResource>(seqs.Count);
        using var statement = ReaderStatements.Get(connection, withGroups ? DocumentsWithGroupsSql : DocumentsSql);
        var command = statement.Command;
        command.Parameters.AddWithValue("$seqs", JsonSerializer.Serialize<IReadOnlyList<long>>(seqs, StoreJsonContext.Default.IReadOnlyListInt64));
        using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var seq = reader.GetInt64(5);
                if (!bySeq.TryGetValue(seq, out var resource))
                {
                    resource = ResourceRows.Read(reader);
                    bySeq[seq] = resource;
                }

                if (withGroups)
                {
                    MembershipReader.AddGroupOfRow(resource, reader, 6);
                }
            }
        }

        return [.. seqs.Select(seq => bySeq[seq])];
    }

    private static ReaderStatements.Statement Statement(SqliteConnection connection, string sql, ResourceQuery query, SqlContext parameters)
    {
        var statement = ReaderStatements.Get(connection, sql);
        var command = statement.Command;
        command.Parameters.AddWithValue("$tenant", query.Tenant);
        command.Parameters.AddWithValue("$type", query.Type.Name);
        parameters.BindTo(command);
        return statement;
    }
}
