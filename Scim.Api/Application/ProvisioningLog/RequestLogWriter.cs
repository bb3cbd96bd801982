using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scim.Api.Core.Activity;

namespace Scim.Api.Application.ProvisioningLog;

/// <summary>
/// Moves entries from the buffer to the store in batches: it waits for the first entry, gathers for
/// <see cref="ProvisioningLogOptions.FlushInterval"/> (or until <see cref="ProvisioningLogOptions.MaxBatch"/>), and
/// writes them in one call. Once an hour it deletes what is older than the retention. A batch the store refuses is
/// counted as dropped and logged; the writer goes on. At shutdown it writes what is left.
/// </summary>
internal sealed partial class RequestLogWriter(
    RequestLogBuffer buffer,
    IRequestLog store,
    IOptions<ProvisioningLogOptions> options,
    TimeProvider time,
    ILogger<RequestLogWriter> logger) : BackgroundService
{
    private static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);

    private readonly ProvisioningLogOptions _options = options.Value;
    private DateTimeOffset _nextPrune = DateTimeOffset.MinValue;

    private RequestLogBounds Bounds => new(_options.MaxEntriesPerTenant, TimeSpan.FromDays(_options.RetentionDays));

    /// <summary>Writes every entry waiting now, in batches; returns how many were written.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        var written = 0;
        var batch = new List<RequestLogEntry>(_options.MaxBatch);
        while (buffer.Reader.TryRead(out var entry))
        {
            batch.Add(entry);
            if (batch.Count >= _options.MaxBatch)
            {
                written += await WriteAsync(batch, cancellationToken);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            written += await WriteAsync(batch, cancellationToken);
        }

        return written;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await buffer.Reader.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(_options.FlushInterval, time, stoppingToken);
                await FlushAsync(stoppingToken);
                await PruneIfDueAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await FlushAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
        {
            LogNotFlushed(logger);
        }
    }

    private async Task<int> WriteAsync(List<RequestLogEntry> batch, CancellationToken cancellationToken)
    {
        try
        {
            await store.AppendAsync([.. batch], Bounds, cancellationToken);
            return batch.Count;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            ProvisioningLogMetrics.RecordDropped(batch.Count, "store_failed");
            LogWriteFailed(logger, batch.Count, exception);
            return 0;
        }
    }

    private async Task PruneIfDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now < _nextPrune)
        {
            return;
        }

        _nextPrune = now + PruneInterval;
        try
        {
            await store.PruneAsync(now - Bounds.MaxAge, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogPruneFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The provisioning log could not write {Count} entries; they are dropped (scim.provisioning_log.dropped)")]
    private static partial void LogWriteFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting provisioning log entries past their retention failed; it is tried again within the hour")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "The provisioning log's last entries were not written before the shutdown ended")]
    private static partial void LogNotFlushed(ILogger logger);
}
