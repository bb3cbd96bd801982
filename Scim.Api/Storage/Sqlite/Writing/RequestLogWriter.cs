using System.Globalization;
using Microsoft.Data.Sqlite;
using Scim.Api.Core.Activity;
using Scim.Api.Core.Storage;

namespace Scim.Api.Storage.Sqlite.Writing;

/// <summary>
/// Writes a batch of provisioning-log entries on the writer's thread, in one savepoint of a group commit: the entries,
/// their per-minute counts (an upsert per tenant, credential and minute), each credential's last call, and the trim of
/// each tenant to its newest entries. A batch costs the SCIM writes it shares a commit with one savepoint.
/// </summary>
internal sealed class RequestLogWriter(SqliteConnection connection) : IDisposable
{
    private const string InsertSql = """
        INSERT INTO request_log (tenant, at, credential, client, method, route, operation, resource_type, resource_id, status, scim_type, detail, duration_us)
        VALUES ($tenant, $at, $credential, $client, $method, $route, $operation, $resource_type, $resource_id, $status, $scim_type, $detail, $duration_us)
        """;

    private const string RecentSql = "SELECT recent FROM credential_activity WHERE tenant = $tenant AND credential = $credential";

    private const string ActivitySql = """
        INSERT INTO credential_activity (tenant, credential, last_at, last_client, recent) VALUES ($tenant, $credential, $last_at, $last_client, $recent)
        ON CONFLICT (tenant, credential) DO UPDATE SET
            last_at = max(last_at, excluded.last_at), last_client = coalesce(excluded.last_client, last_client), recent = excluded.recent
        """;

    // Everything older than the tenant's newest N entries; served by request_log_by_tenant.
    private const string TrimSql = """
        DELETE FROM request_log WHERE tenant = $tenant AND seq <= (
            SELECT seq FROM request_log WHERE tenant = $tenant ORDER BY seq DESC LIMIT 1 OFFSET $keep)
        """;

    private static readonly string MinuteSql = BuildMinuteSql();

    private readonly CommandCache _commands = new(connection);

    public void Append(IReadOnlyList<RequestLogEntry> entries, int maxEntriesPerTenant)
    {
        foreach (var entry in entries)
        {
            _commands.Get(
                InsertSql,
                ("$tenant", entry.Tenant),
                ("$at", RoundTripTime.Format(entry.At)),
                ("$credential", entry.Credential),
                ("$client", entry.Client),
                ("$method", entry.Method),
                ("$route", entry.Route),
                ("$operation", entry.Operation),
                ("$resource_type", entry.ResourceType),
                ("$resource_id", entry.ResourceId),
                ("$status", entry.Status),
                ("$scim_type", entry.ScimType),
                ("$detail", entry.Detail),
                ("$duration_us", (long)(entry.Duration.Ticks / 10))).ExecuteNonQuery();
        }

        foreach (var ((tenant, credential, minute), counts) in RequestLogBatch.CountsByMinute(entries))
        {
            var parameters = new List<(string, object?)>
            {
                ("$tenant", tenant), ("$credential", credential), ("$minute", minute),
                ("$success", counts.Success), ("$redirect", counts.Redirect), ("$client_error", counts.ClientError),
                ("$server_error", counts.ServerError), ("$throttled", counts.Throttled),
            };
            parameters.AddRange(counts.Durations.Select((n, i) => ($"$d{i}", (object?)n)));
            _commands.Get(MinuteSql, [.. parameters]).ExecuteNonQuery();
        }

        foreach (var ((tenant, credential), calls) in RequestLogBatch.CallsByCredential(entries))
        {
            var previous = _commands.Get(RecentSql, ("$tenant", tenant), ("$credential", credential)).ExecuteScalar() as string;
            var recent = RecentStatuses.Append(RecentStatuses.Parse(previous), calls.Select(call => call.Status));
            var last = calls[^1];
            _commands.Get(
                ActivitySql,
                ("$tenant", tenant),
                ("$credential", credential),
                ("$last_at", RoundTripTime.Format(last.At)),
                ("$last_client", last.Client),
                ("$recent", RecentStatuses.Format(recent))).ExecuteNonQuery();
        }

        foreach (var tenant in entries.Select(entry => entry.Tenant).Distinct(StringComparer.Ordinal))
        {
            _commands.Get(TrimSql, ("$tenant", tenant), ("$keep", maxEntriesPerTenant)).ExecuteNonQuery();
        }
    }

    public void Prune(DateTimeOffset before)
    {
        var cutoff = RoundTripTime.Format(before);
        _commands.Get("DELETE FROM request_log WHERE at < $cutoff", ("$cutoff", cutoff)).ExecuteNonQuery();
        _commands.Get("DELETE FROM request_minutes WHERE minute < $cutoff", ("$cutoff", cutoff)).ExecuteNonQuery();
        _commands.Get("DELETE FROM credential_activity WHERE last_at < $cutoff", ("$cutoff", cutoff)).ExecuteNonQuery();
    }

    public void Dispose() => _commands.Dispose();

    private static string BuildMinuteSql()
    {
        var buckets = Enumerable.Range(0, DurationBuckets.Count).Select(i => string.Create(CultureInfo.InvariantCulture, $"d{i}")).ToList();
        var counted = new[] { "success", "redirect", "client_error", "server_error", "throttled" }.Concat(buckets).ToList();
        return $"""
            INSERT INTO request_minutes (tenant, credential, minute, {string.Join(", ", counted)})
            VALUES ($tenant, $credential, $minute, {string.Join(", ", counted.Select(c => "$" + c))})
            ON CONFLICT (minute, tenant, credential) DO UPDATE SET {string.Join(", ", counted.Select(c => $"{c} = {c} + excluded.{c}"))}
            """;
    }
}
