using Microsoft.Data.Sqlite;
using Scim.Api.Core.Storage;
using Scim.Api.Storage.Sqlite.Reading;
using Scim.Api.Storage.Sqlite.Schema;

namespace Scim.Api.Storage.Sqlite.Querying;

/// <summary>
/// Keyset paging (RFC 9865 cursors): the page is sought with a condition on (sort value, row number) rather than
/// skipped to with OFFSET, so rows inserted or deleted elsewhere never shift it. The order is index paging's:
/// the sort value (nulls last ascending, first descending), then the row number ascending. Without a sort the
/// seek is a range on the (tenant, type, seq) index.
/// </summary>
internal static class SqliteKeysetRunner
{
    private const string Seq = "r.seq";

    public static async Task<QueryResult> RunAsync(SqliteConnection connection, ResourceQuery query, CancellationToken cancellationToken)
    {
        var keyset = query.Keyset!;
        var (where, _, parameters) = SqliteQueryRunner.Translate(query);
        var key = query.Sort is null ? null : SqliteSortTranslator.KeyOf(query.Type, query.Sort, parameters);
        var order = new KeyOrder(key, query.Sort?.Descending ?? false);
        var backward = keyset.Before is not null;
        var anchor = (backward ? keyset.Before : keyset.After) is { } text ? SqlitePosition.Parse(text, key is not null) : null;
        var count = Math.Max(0, query.Page.Count);

        using var snapshot = ReadSnapshot.Begin(connection);
        var total = await ScalarAsync(connection, SqliteQueryRunner.CountSql(where, query.Filter is not null), query, parameters, anchor, cancellationToken).ConfigureAwait(false);
        if (count == 0)
        {
            return new QueryResult(total, []);
        }

        var sql = PageSql(where, key, order.Descending, backward, anchor is not null);
        var rows = await RowsAsync(connection, sql, query, parameters, anchor, count + 1, cancellationToken).ConfigureAwait(false);
        var beyond = rows.Count > count;
        if (beyond)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        if (backward)
        {
            rows.Reverse();
        }

        // The far side of the anchor holds the anchor row itself (if it still exists) and everything past it.
        var otherSide = anchor is not null && await ScalarAsync(connection,
            $"SELECT count(*) FROM (SELECT 1 FROM resources AS r WHERE {where} AND ({(backward ? order.After() : order.Before())} OR {Seq} = $anchorSeq) LIMIT 1)",
            query, parameters, anchor, cancellationToken).ConfigureAwait(false) > 0;

        var resources = await SqliteQueryRunner.ReadPageAsync(connection, query, [.. rows.Select(r => r.Seq)], cancellationToken).ConfigureAwait(false);
        return new QueryResult(total, resources)
        {
            FirstPosition = rows.Count == 0 ? null : Format(rows[0], key),
            LastPosition = rows.Count == 0 ? null : Format(rows[^1], key),
            HasMore = backward ? otherSide : beyond,
            HasPrevious = backward ? beyond : otherSide,
        };
    }

    /// <summary>The (sort value, row number) of one page, sought past <c>$anchorKey</c>/<c>$anchorSeq</c> when anchored.</summary>
    public static string PageSql(string where, string? key, bool descending, bool backward, bool anchored)
    {
        var order = new KeyOrder(key, descending);
        var seek = anchored ? $"{where} AND {(backward ? order.Before() : order.After())}" : where;
        return $"SELECT {Seq}, {key ?? "NULL"} FROM resources AS r WHERE {seek} ORDER BY {order.OrderBy(backward)} {SqlLimit.Clause}";
    }

    private static string Format(SqlitePosition position, string? key) =>
        key is null ? SqlitePosition.FormatSeq(position.Seq) : position.Format();

    private static async Task<List<SqlitePosition>> RowsAsync(
        SqliteConnection connection, string sql, ResourceQuery query, SqlContext parameters, SqlitePosition? anchor, int limit, CancellationToken cancellationToken)
    {
        using var statement = Statement(connection, sql, query, parameters, anchor);
        var command = statement.Command;
        command.Parameters.AddWithValue("$limit", limit);
        var rows = new List<SqlitePosition>(Math.Min(limit, 1000));
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new SqlitePosition(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetValue(1)));
        }

        return rows;
    }

    private static async Task<long> ScalarAsync(
        SqliteConnection connection, string sql, ResourceQuery query, SqlContext parameters, SqlitePosition? anchor, CancellationToken cancellationToken)
    {
        using var statement = Statement(connection, sql, query, parameters, anchor);
        return (long)(await statement.Command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static ReaderStatements.Statement Statement(
        SqliteConnection connection, string sql, ResourceQuery query, SqlContext parameters, SqlitePosition? anchor)
    {
        var statement = ReaderStatements.Get(connection, sql);
        var command = statement.Command;
        command.Parameters.AddWithValue("$tenant", query.Tenant);
        command.Parameters.AddWithValue("$type", query.Type.Name);
        parameters.BindTo(command);
        if (anchor is not null && sql.Contains("$anchor", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("$anchorSeq", anchor.Seq);
            if (sql.Contains("$anchorKey", StringComparison.Ordinal))
            {
                command.Parameters.AddWithValue("$anchorKey", anchor.Key ?? DBNull.Value);
            }
        }

        return statement;
    }

    /// <summary>The forward order and the conditions "strictly after / before the anchor" in it.</summary>
    private sealed record KeyOrder(string? Key, bool Descending)
    {
        public string OrderBy(bool reversed) => (Key, Descending, reversed) switch
        {
            (null, _, false) => $"{Seq}",
            (null, _, true) => $"{Seq} DESC",
            (_, false, false) or (_, true, true) => $"{Key} ASC NULLS LAST, {Seq}{(reversed ? " DESC" : "")}",
            _ => $"{Key} DESC NULLS FIRST, {Seq}{(reversed ? " DESC" : "")}",
        };

        // Ascending puts the nulls after every value, descending before; ties go by row number.
        public string After() => Key is null
            ? $"{Seq} > $anchorSeq"
            : Descending
                ? $"(CASE WHEN $anchorKey IS NULL THEN ({Key} IS NOT NULL OR {Seq} > $anchorSeq) ELSE ({Key} < $anchorKey OR ({Key} = $anchorKey AND {Seq} > $anchorSeq)) END)"
                : $"(CASE WHEN $anchorKey IS NULL THEN ({Key} IS NULL AND {Seq} > $anchorSeq) ELSE ({Key} > $anchorKey OR ({Key} = $anchorKey AND {Seq} > $anchorSeq) OR {Key} IS NULL) END)";

        public string Before() => Key is null
            ? $"{Seq} < $anchorSeq"
            : Descending
                ? $"(CASE WHEN $anchorKey IS NULL THEN ({Key} IS NULL AND {Seq} < $anchorSeq) ELSE ({Key} > $anchorKey OR ({Key} = $anchorKey AND {Seq} < $anchorSeq) OR {Key} IS NULL) END)"
                : $"(CASE WHEN $anchorKey IS NULL THEN ({Key} IS NOT NULL OR {Seq} < $anchorSeq) ELSE ({Key} < $anchorKey OR ({Key} = $anchorKey AND {Seq} < $anchorSeq)) END)";
    }
}
