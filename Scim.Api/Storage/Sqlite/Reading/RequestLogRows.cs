using System.Globalization;
using Microsoft.Data.Sqlite;
using Scim.Api.Core.Activity;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Storage;

namespace Scim.Api.Storage.Sqlite.Reading;

/// <summary>
/// Reads the provisioning log newest first (by write order) and the activity of the credentials. A query walks one
/// tenant's entries on <c>request_log_by_tenant</c> (or one resource's on <c>request_log_by_resource</c>) backwards
/// from its position; the log is bounded per tenant, so a filter that matches little scans at most that bound.
/// </summary>
internal static class RequestLogRows
{
    public static async Task<RequestLogPage> QueryAsync(SqliteConnection connection, RequestLogQuery query, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        var conditions = new List<string> { "tenant = $tenant" };
        command.Parameters.AddWithValue("$tenant", query.Tenant);
        if (query.ResourceId is not null)
        {
            conditions.Add("resource_id = $resource_id");
            command.Parameters.AddWithValue("$resource_id", query.ResourceId);
        }

        if (query.ResourceType is not null)
        {
            conditions.Add("resource_type = $resource_type");
            command.Parameters.AddWithValue("$resource_type", query.ResourceType);
        }

        if (query.Credential is not null)
        {
            conditions.Add("credential = $credential");
            command.Parameters.AddWithValue("$credential", query.Credential);
        }

        if (query.Status is { } status)
        {
            conditions.Add("status BETWEEN $status_from AND $status_to");
            command.Parameters.AddWithValue("$status_from", status.From);
            command.Parameters.AddWithValue("$status_to", status.To);
        }

        if (query.Before is not null)
        {
            conditions.Add("seq < $before");
            command.Parameters.AddWithValue("$before", PositionOf(query.Before));
        }

        command.CommandText = $"""
            SELECT seq, tenant, at, credential, client, method, route, operation, resource_type, resource_id, status, scim_type, detail, duration_us
            FROM request_log WHERE {string.Join(" AND ", conditions)} ORDER BY seq DESC LIMIT $limit
            """;
        command.Parameters.AddWithValue("$limit", query.Count + 1);
        var entries = new List<LoggedRequest>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new LoggedRequest(reader.GetInt64(0).ToString(CultureInfo.InvariantCulture), new RequestLogEntry(
                reader.GetString(1),
                RoundTripTime.Parse(reader.GetString(2)),
                reader.GetString(3),
                NullableText(reader, 4),
                reader.GetString(5),
                reader.GetString(6),
                reader.GetString(7),
                NullableText(reader, 8),
                NullableText(reader, 9),
                reader.GetInt32(10),
                NullableText(reader, 11),
                NullableText(reader, 12),
                TimeSpan.FromTicks(reader.GetInt64(13) * 10))));
        }

        var hasOlder = entries.Count > query.Count;
        if (hasOlder)
        {
            entries.RemoveAt(entries.Count - 1);
        }

        return new RequestLogPage(entries, hasOlder ? entries[^1].Position : null);
    }

    public static async Task<IReadOnlyList<CredentialActivity>> ActivityAsync(
        SqliteConnection connection, DateTimeOffset lastCallSince, DateTimeOffset countsSince, CancellationToken cancellationToken)
    {
        using var snapshot = ReadSnapshot.Begin(connection);
        var counts = new Dictionary<(string, string), RequestCounts>();
        using (var minutes = connection.CreateCommand())
        {
            var buckets = string.Join(", ", Enumerable.Range(0, DurationBuckets.Count).Select(i => string.Create(CultureInfo.InvariantCulture, $"sum(d{i})")));
            minutes.CommandText = $"""
                SELECT tenant, credential, sum(success), sum(redirect), sum(client_error), sum(server_error), sum(throttled), {buckets}
                FROM request_minutes WHERE minute >= $since GROUP BY tenant, credential
                """;
            minutes.Parameters.AddWithValue("$since", RequestLogBatch.MinuteOf(countsSince));
            using var reader = await minutes.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var durations = Enumerable.Range(0, DurationBuckets.Count).Select(i => reader.GetInt64(7 + i)).ToArray();
                counts[(reader.GetString(0), reader.GetString(1))] = new RequestCounts(
                    reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), durations);
            }
        }

        var activity = new List<CredentialActivity>();
        using var calls = connection.CreateCommand();
        calls.CommandText = "SELECT tenant, credential, last_at, last_client, recent FROM credential_activity WHERE last_at >= $since";
        calls.Parameters.AddWithValue("$since", RoundTripTime.Format(lastCallSince));
        using (var reader = await calls.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var key = (reader.GetString(0), reader.GetString(1));
                activity.Add(new CredentialActivity(
                    key.Item1, key.Item2, RoundTripTime.Parse(reader.GetString(2)), NullableText(reader, 3),
                    RecentStatuses.Parse(reader.GetString(4)), counts.GetValueOrDefault(key) ?? RequestCounts.None));
            }
        }

        return activity;
    }

    public static IReadOnlyList<string> ReadKeys(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT xml FROM console_keys ORDER BY name";
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    private static long PositionOf(string position) =>
        long.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
            ? seq
            : throw ScimException.InvalidValue("The log position is not one this log handed out; start again from the newest entries.");

    private static string? NullableText(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
