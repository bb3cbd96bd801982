using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Scim.Api.Storage;

namespace Scim.Api.Hosting.Telemetry;

/// <summary>
/// Feeds the <c>scim.resources</c> gauge: resources per tenant and type. Counting reads the whole store, so it runs in
/// the background at a fixed interval and the gauge reports the last counts; a failed count keeps the previous ones.
/// </summary>
internal sealed partial class ResourceCountGauge : BackgroundService
{
    private readonly IResourceCounter? _counter;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger<ResourceCountGauge> _logger;
    private volatile IReadOnlyList<ResourceCount> _counts = [];

    public ResourceCountGauge(IOptions<TelemetryOptions> options, TimeProvider time, ILogger<ResourceCountGauge> logger, IResourceCounter? counter = null)
    {
        _counter = counter;
        _interval = TimeSpan.FromSeconds(options.Value.ResourceCountRefreshSeconds);
        _time = time;
        _logger = logger;
        if (IsEnabled)
        {
            ScimMetrics.ReportResources(this, Observe);
        }
    }

    private bool IsEnabled => _counter is not null && _interval > TimeSpan.Zero;

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (_counter is null)
        {
            return;
        }

        try
        {
            _counts = await _counter.CountResourcesAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogCountFailed(_logger, exception);
        }
    }

    public override void Dispose()
    {
        ScimMetrics.WithdrawResources(this);
        base.Dispose();
    }

    internal IEnumerable<Measurement<long>> Observe() => _counts.Select(count => new Measurement<long>(
        count.Count,
        new KeyValuePair<string, object?>(ScimAttributes.Tenant, count.Tenant),
        new KeyValuePair<string, object?>(ScimAttributes.ResourceType, count.ResourceType)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!IsEnabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(_interval, _time);
        try
        {
            do
            {
                await RefreshAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Counting resources for the scim.resources gauge failed; the gauge keeps the previous counts")]
    private static partial void LogCountFailed(ILogger logger, Exception exception);
}
