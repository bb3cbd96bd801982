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
/// When an operator changes a subscription through this replica (<see cref="SubscriptionSignal"/>), the worker
/// delivering it here takes the new definition at once, or, when its delivery state was reset, stops, and the
/// subscription is leased again as it now is without waiting for the refresh.
/// </summary>
internal sealed partial class DeliveryCoordinator(
    ISubscriptionStore store,
    IChangeEventLog log,
    WebhookSender sender,
    ChangeSignal changes,
    SubscriptionSignal subscriptionChanges,
    SchemaRegistry registry,
    UrlPolicy urls,
    IOptions<ChangeEventOptions> events,
    IOptions<WebhookDeliveryOptions> delivery,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly WebhookDeliveryOptions _options = delivery.Value;
    private readonly ILogger _logger = loggers.CreateLogger<DeliveryCoordinator>();
    private readonly Dictionary<(string Tenant, string Id), RunningWorker> _workers = [];
    private volatile IReadOnlyList<StoredSubscription> _known = [];
    private volatile TaskCompletionSource _refreshNow = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>This replica's name in leases: unique per process start.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>The subscriptions this replica delivers now, by tenant and id.</summary>
    public IReadOnlyList<(string Tenant, string Id)> Delivering
    {
        get
        {
            lock (_workers)
            {
                return [.. _workers.Where(w => !w.Value.Running.IsCompleted && !w.Value.Stop.IsCancellationRequested).Select(w => w.Key)];
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        EventMetrics.ReportSuspended(this, Suspended);
        subscriptionChanges.Changed += OnSubscriptionChanged;
        var configured = false;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var refreshNow = _refreshNow.Task;
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

                await ChangeSignal.WaitAsync(refreshNow, _options.RefreshInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            subscriptionChanges.Changed -= OnSubscriptionChanged;
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

    // Runs on the operator's request, before it is answered: nothing the operator does after it (a change to a
    // resource) is delivered by this replica as the subscription was before.
    private void OnSubscriptionChanged(string tenant, string id, StoredSubscription? redefined)
    {
        lock (_workers)
        {
            // Cancelled under the lock: a worker is disposed only after it left the dictionary.
            if (_workers.TryGetValue((tenant, id), out var existing) && !(redefined is not null && existing.Worker.Redefine(redefined)))
            {
                existing.Stop.Cancel();
            }
        }

        Interlocked.Exchange(ref _refreshNow, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
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
        await ForgetStoppedWorkersAsync();
        foreach (var subscription in subscriptions)
        {
            var key = (subscription.Definition.Tenant, subscription.Definition.Id);
            lock (_workers)
            {
                if (_workers.ContainsKey(key))
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
            var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            lock (_workers)
            {
                _workers[key] = new RunningWorker(worker, Task.Run(() => worker.RunAsync(stop.Token), CancellationToken.None), stop);
            }
        }
    }

    // Workers that ended (handed over, suspended) or were stopped for a change; one stopped for a change first records
    // what it delivered and frees its lease, so that its subscription is leased again at once with the new definition.
    private async Task ForgetStoppedWorkersAsync()
    {
        List<RunningWorker> stopped = [];
        lock (_workers)
        {
            foreach (var (key, worker) in _workers.Where(w => w.Value.Running.IsCompleted || w.Value.Stop.IsCancellationRequested).ToList())
            {
                _workers.Remove(key);
                stopped.Add(worker);
            }
        }

        foreach (var worker in stopped)
        {
            await worker.Running;
            worker.Stop.Dispose();
        }
    }

    private IEnumerable<Measurement<int>> Suspended() =>
        _known.Select(s => new Measurement<int>(
            s.State.Status == SubscriptionStatus.Suspended ? 1 : 0, EventMetrics.Tags(s.Definition.Tenant, s.Definition.Id)));

    private sealed record RunningWorker(SubscriptionWorker Worker, Task Running, CancellationTokenSource Stop);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook subscriptions could not be listed or leased; trying again at the next refresh")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "This replica delivers subscription {Subscription} of tenant {Tenant} from position {Cursor}")]
    private static partial void LogDelivering(ILogger logger, string tenant, string subscription, long cursor);
}
