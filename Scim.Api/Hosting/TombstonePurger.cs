using Microsoft.Extensions.Options;
using Scim.Api.Application.Audit;
using Scim.Api.Application.Events;
using Scim.Api.Core.Storage;

namespace Scim.Api.Hosting;

/// <summary>
/// Purges, every <see cref="SoftDeleteOptions.PurgeInterval"/>, the tombstones deleted longer ago than the soft-delete
/// retention (with their kept memberships and, when configured, the values of their audit records) and the audit
/// records older than the audit retention, and the change events older than theirs (<c>Scim:Events:RetentionDays</c>). It
/// runs once at start and then on the interval, by the injected clock.
/// </summary>
internal sealed partial class TombstonePurger(
    IStoreRetention store,
    IOptionsMonitor<SoftDeleteOptions> softDelete,
    IOptionsMonitor<AuditOptions> audit,
    IOptionsMonitor<ChangeEventOptions> events,
    TimeProvider time,
    ILogger<TombstonePurger> logger) : BackgroundService
{
    /// <summary>One full purge, batch after batch until nothing expired is left; returns what was purged.</summary>
    public async Task<PurgeResult> PurgeOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var request = new PurgeRequest(
            now.AddDays(-softDelete.CurrentValue.RetentionDays),
            now.AddDays(-audit.CurrentValue.RetentionDays),
            softDelete.CurrentValue.EraseAuditValues,
            EventsRecordedBefore: now.AddDays(-events.CurrentValue.RetentionDays));
        int tombstones = 0, auditRecords = 0, expiredEvents = 0;
        PurgeResult batch;
        do
        {
            batch = await store.PurgeAsync(request, cancellationToken);
            tombstones += batch.Tombstones;
            auditRecords += batch.AuditRecords;
            expiredEvents += batch.Events;
        }
        while (!batch.IsComplete);

        if (tombstones > 0 || auditRecords > 0 || expiredEvents > 0)
        {
            LogPurged(logger, tombstones, auditRecords, expiredEvents);
        }

        return new PurgeResult(tombstones, auditRecords, true, expiredEvents);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PurgeOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A store that is down (or not yet initialized) is tried again on the next interval.
                LogFailed(logger, exception);
            }

            try
            {
                await Task.Delay(softDelete.CurrentValue.PurgeInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Tombstones} expired tombstones, {AuditRecords} expired audit records and {Events} expired change events")]
    private static partial void LogPurged(ILogger logger, int tombstones, int auditRecords, int events);

    [LoggerMessage(Level = LogLevel.Error, Message = "The purge of expired tombstones and audit records failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
