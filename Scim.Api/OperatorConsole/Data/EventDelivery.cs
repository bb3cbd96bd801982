using Scim.Api.Application.Events;
using Scim.Api.Core.Events;

namespace Scim.Api.OperatorConsole.Data;

/// <summary>
/// What the change-events page shows of a tenant: each webhook subscription with how far its delivery is, how old the
/// oldest event it has not passed yet is (its lag), and why it fails; and the tenant's latest events. Read through the
/// subscriptions' administration, the same one the admin API uses.
/// </summary>
internal sealed class EventDelivery(SubscriptionAdministration administration, TimeProvider time)
{
    public const int RecentCount = 20;

    public async Task<EventDeliveryView> ReadAsync(string tenant, CancellationToken cancellationToken)
    {
        var last = await administration.LastPositionAsync(tenant, cancellationToken);
        var subscriptions = await administration.ListAsync(tenant, cancellationToken);
        var rows = new List<SubscriptionRow>(subscriptions.Count);
        foreach (var subscription in subscriptions)
        {
            var cursor = subscription.State.Cursor;
            TimeSpan? lag = null;
            if (last > cursor)
            {
                var oldest = await administration.EventsAsync(tenant, cursor, 1, cancellationToken);
                lag = oldest.Events.Count > 0 ? Max(time.GetUtcNow() - oldest.Events[0].At, TimeSpan.Zero) : null;
            }

            rows.Add(new SubscriptionRow(subscription, Math.Max(0, last - cursor), lag));
        }

        var recent = await administration.EventsAsync(tenant, Math.Max(0, last - RecentCount), RecentCount, cancellationToken);
        return new EventDeliveryView(last, rows, [.. recent.Events.Reverse()]);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

/// <summary>A tenant's subscriptions and latest events (newest first), and its last position.</summary>
internal sealed record EventDeliveryView(long LastPosition, IReadOnlyList<SubscriptionRow> Subscriptions, IReadOnlyList<ChangeEvent> Recent);

/// <summary>One subscription, its events not yet delivered, and the age of the oldest of them (null when none waits).</summary>
internal sealed record SubscriptionRow(StoredSubscription Subscription, long Pending, TimeSpan? Lag)
{
    public bool Suspended => Subscription.State.Status == SubscriptionStatus.Suspended;

    public bool Failing => Subscription.State.FailingSince is not null;
}
