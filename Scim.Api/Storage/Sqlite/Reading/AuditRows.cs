using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Scim.Api.Core.Storage;

namespace Scim.Api.Storage.Sqlite.Reading;

/// <summary>Reads audit records newest first (by commit order), with the total from the same snapshot.</summary>
internal static class AuditRows
{
    public static async Task<AuditPage> QueryAsync(SqliteConnection connection, AuditQuery query, CancellationToken cancellationToken)
    {
        var conditions = new List<string>();
        AddIf(conditions, query.Tenant is not null, "tenant = $tenant");
        AddIf(conditions, query.ResourceType is not null, "type = $type");
        AddIf(conditions, query.ResourceId is not null, "id = $id");
        AddIf(conditions, query.From is not null, "at >= $from");
        AddIf(conditions, query.To is not null, "at < $to");
        var where = conditions.Count == 0 ? "1" : string.Join(" AND ", conditions);

        using var snapshot = ReadSnapshot.Begin(connection);
        long total;
        using (var count = Command(connection, $"SELECT count(*) FROM audit WHERE {where}", query))
        {
            total = (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        var records = new List<AuditRecord>();
        if (query.Page.Count <= 0 || query.Page.Offset >= total)
        {
            return new AuditPage(total, records);
        }

        using var page = Command(connection, $"""
            SELECT tenant, type, id, operation, credential_id, request_id, trace_id, at, version_before, version_after, changed, change_values
            FROM audit WHERE {where} ORDER BY seq DESC LIMIT $limit OFFSET $offset
            """, query);
        page.Parameters.AddWithValue("$limit", query.Page.Count);
        page.Parameters.AddWithValue("$offset", query.Page.Offset);
        using var reader = await page.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(Read(reader));
        }

        return new AuditPage(total, records);
    }

    private static AuditRecord Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        AuditOperationNames.Parse(reader.GetString(3)),
        reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        RoundTripTime.Parse(reader.GetString(7)),
        reader.IsDBNull(8) ? null : reader.GetInt64(8),
        reader.IsDBNull(9) ? null : reader.GetInt64(9),
        JsonSerializer.Deserialize(reader.GetString(10), StoreJsonContext.Default.IReadOnlyListString) ?? [],
        reader.IsDBNull(11) ? null : JsonNode.Parse(reader.GetString(11)) as JsonObject);

    private static void AddIf(List<string> conditions, bool applies, string condition)
    {
        if (applies)
        {
            conditions.Add(condition);
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, AuditQuery query)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        AddIfPresent(command, "$tenant", query.Tenant);
        AddIfPresent(command, "$type", query.ResourceType);
        AddIfPresent(command, "$id", query.ResourceId);
        AddIfPresent(command, "$from", query.From is { } from ? RoundTripTime.Format(from) : null);
        AddIfPresent(command, "$to", query.To is { } to ? RoundTripTime.Format(to) : null);
        return command;
    }

    private static void AddIfPresent(SqliteCommand command, string name, string? value)
    {
        if (value is not null)
        {
            command.Parameters.AddWithValue(name, value);
        }
    }
}
