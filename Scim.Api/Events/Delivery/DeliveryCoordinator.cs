using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Scim.Api.Application.Events;
using Scim.Api.Core.Events;
using Scim.Api.Core.Schema;

namespace Scim.Api.Events.Delivery;

/// <summary>
/// Runs on every replica. At start it writes the subscriptions of the configuration into the store (keeping their
/// delivery state). Then, every <see cref="WebhookDeliveryOptions.RefreshInterval"/>, it lists every tenant's
/// subscriptions, reports which are suspended, and takes the lease of each active one that no replica holds (or whose
/// holder's lease ran out: a replica that died) to run a <see cref="SubscriptionWorker"/> for it. Each subscription is
/// thus delivered by one replica at a time, and delivery moves to another replica within a lease when one dies.
/// </summary>
internal sealed partial class DeliveryCoordinator(
    ISubscriptionStore store,
    IChangeEventLog log,
    WebhookSender sender,
    ChangeSignal changes,
    SchemaRegistry registry,
    UrlPolicy urls,
    IOptions<ChangeEventOptions> events,
    IOptions<WebhookDeliveryOptions> delivery,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly WebhookDeliveryOptions _options = delivery.Value;
    private readonly ILogger _logger = loggers.CreateLogger<DeliveryCoordinator>();
    private readonly Dictionary<(string Tenant, string Id), (SubscriptionWorker Worker, Task Running)> _workers = [];
    private volatile IReadOnlyList<StoredSubscription> _known = [];

    /// <summary>This replica's name in leases: unique per process start.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>The subscriptions this replica delivers now, by tenant and id.</summary>
    public IReadOnlyList<(string Tenant, string Id)> Delivering
    {
        get
        {
            lock (_workers)
            {
                return [.. _workers.Where(w => !w.Value.Running.IsCompleted).Select(w => w.Key)];
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        EventMetrics.ReportSuspended(this, Suspended);
        var configured = false;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    configured = configured || await WriteConfiguredAsync(stoppingToken);
                    await RefreshAsync(stoppingToken);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    // The store may be down or not yet initialized: tried again at the next refresh.
                    LogRefreshFailed(_logger, error);
                }

                await Task.Delay(_options.RefreshInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            EventMetrics.WithdrawSuspended(this);
            Task[] running;
            lock (_workers)
            {
                running = [.. _workers.Values.Select(w => w.Running)];
            }

            // Each worker records its progress and frees its lease as it stops.
            await Task.WhenAll(running);
        }
    }

    private async Task<bool> WriteConfiguredAsync(CancellationToken cancellationToken)
    {
        var subscriptions = ConfiguredSubscriptions.Read(events.Value, registry, urls, out _);
        foreach (var subscription in subscriptions)
        {
            var last = (await log.ReadEventsAsync(new ChangeEventQuery(subscription.Tenant, long.MaxValue, 0), cancellationToken)).LastPosition;
            await store.UpsertConfiguredSubscriptionAsync(subscription, last, time.GetUtcNow(), cancellationToken);
        }

        return true;
    }

    private async Task RefreshAsync(CancellationToken stoppingToken)
    {
        var subscriptions = await store.ListSubscriptionsAsync(null, stoppingToken);
        _known = subscriptions;
        foreach (var subscription in subscriptions)
        {
            var key = (subscription.Definition.Tenant, subscription.Definition.Id);
            lock (_workers)
            {
                if (_workers.TryGetValue(key, out var existing) && !existing.Running.IsCompleted)
                {
                    continue;
                }
            }

            var now = time.GetUtcNow();
            var state = subscription.State;
            if (state.Status != SubscriptionStatus.Active
                || (state.LeaseOwner is not null && state.LeaseOwner != Owner && state.LeaseUntil > now))
            {
                continue;
            }

            var leased = await store.TryLeaseAsync(key.Tenant, key.Id, Owner, now, now + _options.LeaseDuration, stoppingToken);
            if (leased is null)
            {
                continue;
            }

            var worker = new SubscriptionWorker(leased, Owner, store, log, sender, changes, _options, time, loggers.CreateLogger<SubscriptionWorker>());
            LogDelivering(_logger, key.Tenant, key.Id, leased.State.Cursor);
            lock (_workers)
            {
                _workers[key] = (worker, Task.Run(() => worker.RunAsync(stoppingToken), CancellationToken.None));
            }
        }
    }

    private IEnumerable<Measurement<int>> Suspended() =>
        _known.Select(s => new Measurement<int>(
            s.State.Status == SubscriptionStatus.Suspended ? 1 : 0, EventMetrics.Tags(s.Definition.Tenant, s.Definition.Id)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook subscriptions could not be listed or leased; trying again at the next refresh")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "This replica delivers subscription {Subscription} of tenant {Tenant} from position {Cursor}")]
    private static partial void LogDelivering(ILogger logger, string tenant, string subscription, long cursor);
}
