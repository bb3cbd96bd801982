using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Scim.Api.Application.Events;
using Scim.Api.Core.Events;

namespace Scim.Api.Events.Delivery;

/// <summary>
/// Delivers one subscription's events while this replica holds its lease (<see cref="DeliveryCoordinator"/>).
/// <list type="bullet">
/// <item>It reads the tenant's events after the last position read, in order, and hands each one the subscription
/// wants to the lane its resource hashes to: a lane sends one request at a time (one event, or a batch of the events
/// waiting in it), so one resource's events arrive in order, and a slow or failing receiver for one resource holds
/// only its own lane, never reorders anything.</item>
/// <item>A failed event is tried again in its lane (and nothing behind it in that lane is sent meanwhile), with
/// exponential back-off and jitter from <see cref="WebhookDeliveryOptions.RetryDelay"/> to
/// <see cref="WebhookDeliveryOptions.MaxRetryDelay"/>, waiting at least a Retry-After the receiver asked for.</item>
/// <item>Every <see cref="WebhookDeliveryOptions.ProgressInterval"/> it records the cursor (every event up to it is
/// delivered or filtered out) and renews the lease, conditionally: when another replica holds the lease or an operator
/// changed the subscription on another replica (its revision), it stops at once. Events sent after the last recorded
/// cursor are sent again by whoever delivers next: delivery is at least once. A change made through this replica
/// reaches it at once instead (<see cref="Redefine"/>, or a stop for a reset).</item>
/// <item>When some lane has failed for <see cref="WebhookDeliveryOptions.SuspendAfter"/>, it records the subscription
/// suspended, with the cursor before the failing event, and stops.</item>
/// <item>When it cannot renew the lease it stops sending before the lease runs out, so that two replicas never
/// deliver the same subscription at once (given clocks that agree within a third of the lease).</item>
/// </list>
/// </summary>
internal sealed partial class SubscriptionWorker(
    StoredSubscription leased,
    string owner,
    ISubscriptionStore store,
    IChangeEventLog log,
    WebhookSender sender,
    ChangeSignal changes,
    WebhookDeliveryOptions options,
    TimeProvider time,
    ILogger logger)
{
    private readonly Lock _gate = new();
    private volatile Subscription _definition = leased.Definition;
    private long _revision = leased.State.Revision;
    private readonly SortedDictionary<long, DateTimeOffset> _outstanding = [];
    private readonly DateTimeOffset?[] _failingSince = new DateTimeOffset?[Math.Max(options.Lanes, 1)];
    private long _fetched = leased.State.Cursor;
    private string? _lastError = leased.State.LastError;
    private DateTimeOffset _leaseUntil = leased.State.LeaseUntil ?? time.GetUtcNow();

    public string Tenant { get; } = leased.Definition.Tenant;

    public string Id { get; } = leased.Definition.Id;

    /// <summary>
    /// Delivers the events read from now on with a new definition (URL, filters, secrets) whose delivery state was
    /// kept; false when it is not newer than the one this worker has.
    /// </summary>
    public bool Redefine(StoredSubscription redefined)
    {
        lock (_gate)
        {
            if (redefined.State.Revision <= _revision || redefined.State.Status != SubscriptionStatus.Active)
            {
                return false;
            }

            _definition = redefined.Definition;
            _revision = redefined.State.Revision;
            return true;
        }
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        using var running = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var lanes = _failingSince.Select(_ => Channel.CreateUnbounded<ChangeEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true })).ToArray();
        var laneTasks = lanes.Select((lane, index) => LaneAsync(index, lane.Reader, running.Token)).ToArray();
        EventMetrics.ReportLag(this, Lag);
        var handedOver = false;
        try
        {
            handedOver = await DeliverAsync(lanes, running.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (running.IsCancellationRequested)
        {
            // Stopping: the service shuts down.
        }
        finally
        {
            await running.CancelAsync().ConfigureAwait(false);
            foreach (var lane in lanes)
            {
                lane.Writer.TryComplete();
            }

            await Task.WhenAll(laneTasks).ConfigureAwait(false);
            EventMetrics.WithdrawLag(this);
            if (!handedOver)
            {
                await LeaveAsync().ConfigureAwait(false);
            }
        }
    }

    // True when the subscription is no longer this replica's (lease lost, revision changed, suspended, deleted).
    private async Task<bool> DeliverAsync(Channel<ChangeEvent>[] lanes, CancellationToken cancellationToken)
    {
        var nextProgress = time.GetUtcNow();
        while (!cancellationToken.IsCancellationRequested)
        {
            var more = false;
            var woken = changes.Next(Tenant);
            if (Outstanding < options.MaxInFlight)
            {
                var page = await log.ReadEventsAsync(new ChangeEventQuery(Tenant, _fetched, options.BatchSize), cancellationToken).ConfigureAwait(false);
                foreach (var change in page.Events)
                {
                    if (_definition.Wants(change))
                    {
                        lock (_gate)
                        {
                            _outstanding[change.Position] = change.At;
                        }

                        lanes[LaneOf(change)].Writer.TryWrite(change);
                    }

                    _fetched = change.Position;
                }

                more = page.Events.Count == options.BatchSize;
            }

            var now = time.GetUtcNow();
            if (now >= nextProgress)
            {
                switch (await RecordProgressAsync(now, cancellationToken).ConfigureAwait(false))
                {
                    case Progress.Recorded:
                        nextProgress = now + options.ProgressInterval;
                        break;
                    case Progress.Lost:
                        return true;
                    case Progress.Failed when now >= _leaseUntil - (options.LeaseDuration / 3):
                        LogLeaseExpiring(logger, Tenant, Id);
                        return true;
                }
            }

            if (Outstanding >= options.MaxInFlight)
            {
                await Task.Delay(options.PollInterval, time, cancellationToken).ConfigureAwait(false);
            }
            else if (!more)
            {
                // Woken by a change this replica wrote, or at the poll for changes other replicas wrote; then a
                // moment's pause, so that a burst of changes is read in one query rather than one query each.
                await ChangeSignal.WaitAsync(woken, options.PollInterval, time, cancellationToken).ConfigureAwait(false);
                await Task.Delay(options.GatherDelay, time, cancellationToken).ConfigureAwait(false);
            }
        }

        return false;
    }

    private async Task<Progress> RecordProgressAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (cursor, failingSince, lastError, revision) = Snapshot();
        var suspend = failingSince is { } since && now - since >= options.SuspendAfter;
        var until = now + options.LeaseDuration;
        try
        {
            if (!await store.SaveProgressAsync(Tenant, Id, owner, revision, new DeliveryProgress(cursor, failingSince, lastError, until, suspend), cancellationToken)
                .ConfigureAwait(false))
            {
                LogHandedOver(logger, Tenant, Id);
                return Progress.Lost;
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogProgressFailed(logger, Tenant, Id, error);
            return Progress.Failed;
        }

        _leaseUntil = until;
        if (suspend)
        {
            LogSuspended(logger, Tenant, Id, options.SuspendAfter, lastError);
            return Progress.Lost;
        }

        return Progress.Recorded;
    }

    // A graceful stop records how far delivery got and frees the lease, so another replica takes over at once.
    private async Task LeaveAsync()
    {
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            var (cursor, failingSince, lastError, revision) = Snapshot();
            await store.SaveProgressAsync(Tenant, Id, owner, revision, new DeliveryProgress(cursor, failingSince, lastError, time.GetUtcNow()), budget.Token)
                .ConfigureAwait(false);
            await store.ReleaseLeaseAsync(Tenant, Id, owner, budget.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // The lease then runs out by itself; another replica resumes from the last recorded cursor.
            LogProgressFailed(logger, Tenant, Id, error);
        }
    }

    // Sends the lane's events in order, one request at a time: one event each, or for a batched subscription every
    // event already waiting, up to its batch size (never waiting for more, so batching adds no lag).
    private async Task LaneAsync(int lane, ChannelReader<ChangeEvent> events, CancellationToken cancellationToken)
    {
        var request = new List<ChangeEvent>();
        try
        {
            while (await events.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                // Read after the wait: an operator's change applies from the next request on.
                var definition = _definition;
                request.Clear();
                while (request.Count < definition.MaxBatchSize && events.TryRead(out var next))
                {
                    request.Add(next);
                }

                await SendUntilDeliveredAsync(lane, request, definition.Batched, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The worker stops; what was not delivered is delivered again from the recorded cursor.
        }
    }

    // One request, tried again as it was (same events, same form, so the same webhook-id and body) until it is
    // delivered, each time to the subscription's current URL with its current secrets.
    private async Task SendUntilDeliveredAsync(int lane, List<ChangeEvent> request, bool batched, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (attempt > 0)
            {
                EventMetrics.RecordRetry(Tenant, Id);
            }

            var outcome = await sender.SendAsync(_definition, request, batched, cancellationToken).ConfigureAwait(false);
            if (outcome.Succeeded)
            {
                EventMetrics.RecordDelivered(Tenant, Id, request.Count);
                lock (_gate)
                {
                    foreach (var change in request)
                    {
                        _outstanding.Remove(change.Position);
                    }

                    _failingSince[lane] = null;
                }

                return;
            }

            EventMetrics.RecordFailure(Tenant, Id, outcome.Reason ?? "unknown");
            lock (_gate)
            {
                _failingSince[lane] ??= time.GetUtcNow();
                _lastError = request.Count == 1
                    ? $"position {request[0].Position}: {outcome.Error}"
                    : $"positions {request[0].Position} to {request[^1].Position} ({request.Count} events): {outcome.Error}";
            }

            await Task.Delay(Backoff(attempt, outcome.RetryAfter), time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Exponential from <see cref="WebhookDeliveryOptions.RetryDelay"/>, "equal jitter" (half fixed, half random), at least a Retry-After.</summary>
    private TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        var ceiling = Math.Min(options.MaxRetryDelay.TotalMilliseconds, options.RetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
        var delay = TimeSpan.FromMilliseconds((ceiling / 2) + (Random.Shared.NextDouble() * ceiling / 2));
        if (retryAfter is { } asked && asked > delay)
        {
            delay = asked < options.MaxRetryDelay ? asked : options.MaxRetryDelay;
        }

        return delay;
    }

    private int LaneOf(ChangeEvent change) =>
        (int)((uint)StringComparer.Ordinal.GetHashCode(string.Concat(change.ResourceType, "/", change.ResourceId)) % (uint)_failingSince.Length);

    private int Outstanding
    {
        get
        {
            lock (_gate)
            {
                return _outstanding.Count;
            }
        }
    }

    private (long Cursor, DateTimeOffset? FailingSince, string? LastError, long Revision) Snapshot()
    {
        lock (_gate)
        {
            var cursor = _outstanding.Count > 0 ? _outstanding.First().Key - 1 : _fetched;
            var failing = _failingSince.Where(since => since is not null).Min();
            return (cursor, failing, failing is null ? null : _lastError, _revision);
        }
    }

    private IEnumerable<Measurement<double>> Lag()
    {
        double seconds;
        lock (_gate)
        {
            seconds = _outstanding.Count > 0 ? Math.Max(0, (time.GetUtcNow() - _outstanding.First().Value).TotalSeconds) : 0;
        }

        return [new Measurement<double>(seconds, EventMetrics.Tags(Tenant, Id))];
    }

    private enum Progress
    {
        Recorded,
        Lost,
        Failed,
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription {Subscription} of tenant {Tenant} is delivered by another replica now, or was changed; this replica stops delivering it")]
    private static partial void LogHandedOver(ILogger logger, string tenant, string subscription);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription {Subscription} of tenant {Tenant}: its lease could not be renewed; this replica stops delivering it before the lease runs out")]
    private static partial void LogLeaseExpiring(ILogger logger, string tenant, string subscription);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription {Subscription} of tenant {Tenant}: its delivery progress could not be recorded")]
    private static partial void LogProgressFailed(ILogger logger, string tenant, string subscription, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Subscription {Subscription} of tenant {Tenant} is suspended: its deliveries failed for {SuspendAfter} (last error: {LastError}); its events are kept, resume it with POST /admin/v1/tenants/{{tenant}}/subscriptions/{{id}}/resume")]
    private static partial void LogSuspended(ILogger logger, string tenant, string subscription, TimeSpan suspendAfter, string? lastError);
}
