using Microsoft.Extensions.Options;
using Scim.Api.Application.Audit;
using Scim.Api.Core.Storage;

namespace Scim.Api.Hosting;

/// <summary>
/// Purges, every <see cref="SoftDeleteOptions.PurgeInterval"/>, the tombstones deleted longer ago than the soft-delete
/// retention (with their kept memberships and, when configured, the values of their audit records) and the audit
/// records older than the audit retention. It runs once at start and then on the interval, by the injected clock.
/// </summary>
internal sealed partial class TombstonePurger(
    IStoreRetention store,
    IOptionsMonitor<SoftDeleteOptions> softDelete,
    IOptionsMonitor<AuditOptions> audit,
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
            softDelete.CurrentValue.EraseAuditValues);
        int tombstones = 0, auditRecords = 0;
        PurgeResult batch;
        do
        {
            batch = await store.PurgeAsync(request, cancellationToken);
            tombstones += batch.Tombstones;
            auditRecords += batch.AuditRecords;
        }
        while (!batch.IsComplete);

        if (tombstones > 0 || auditRecords > 0)
        {
            LogPurged(logger, tombstones, auditRecords);
        }

        return new PurgeResult(tombstones, auditRecords, true);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Tombstones} expired tombstones and {AuditRecords} expired audit records")]
    private static partial void LogPurged(ILogger logger, int tombstones, int auditRecords);

    [LoggerMessage(Level = LogLevel.Error, Message = "The purge of expired tombstones and audit records failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
