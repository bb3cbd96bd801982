using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scim.Api.Core.Storage;
using Scim.Api.Storage;

namespace Scim.Api.Hosting.Telemetry;

/// <summary>
/// Feeds the <c>scim.store.available</c> gauge from the health check publisher's periodic runs: 1 while the store's
/// readiness check passes, 0 while it fails. Nothing is reported before the first run.
/// </summary>
internal sealed class StoreAvailabilityGauge : IHealthCheckPublisher, IDisposable
{
    private const int Unknown = -1;
    private readonly KeyValuePair<string, object?> _store;
    private int _available = Unknown;

    public StoreAvailabilityGauge(IResourceStore store)
    {
        _store = new(ScimAttributes.Store, (store as InstrumentedResourceStore)?.StoreName ?? store.GetType().Name);
        ScimMetrics.ReportStoreAvailability(this, Observe);
    }

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Entries.TryGetValue(HealthEndpoints.StoreCheckName, out var entry))
        {
            Volatile.Write(ref _available, entry.Status == HealthStatus.Healthy ? 1 : 0);
        }

        return Task.CompletedTask;
    }

    public void Dispose() => ScimMetrics.WithdrawStoreAvailability(this);

    internal IEnumerable<Measurement<int>> Observe()
    {
        var available = Volatile.Read(ref _available);
        return available == Unknown ? [] : [new Measurement<int>(available, _store)];
    }
}
