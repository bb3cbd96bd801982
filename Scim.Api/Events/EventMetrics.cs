using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Scim.Api.Application;

namespace Scim.Api.Events;

/// <summary>
/// The delivery instruments, on the service's "Scim" meter (a meter of the same name: exporters listening to it get
/// these with the others). Attributes name the tenant and the subscription id, never a URL or a secret.
/// <list type="bullet">
/// <item><c>scim.events.delivered</c>: events a receiver acknowledged with a 2xx.</item>
/// <item><c>scim.events.delivery.retries</c>: deliveries tried again after a failed attempt.</item>
/// <item><c>scim.events.delivery.failures</c>: failed attempts, by reason (http_5xx, http_429, http_4xx, timeout, network, refused).</item>
/// <item><c>scim.events.delivery.lag</c>: seconds since the oldest event not yet delivered was written (0 when caught up),
/// reported by the replica delivering the subscription.</item>
/// <item><c>scim.events.subscription.suspended</c>: 1 for a suspended subscription, else 0, reported by every replica.</item>
/// </list>
/// </summary>
internal static class EventMetrics
{
    public const string DeliveredName = "scim.events.delivered";
    public const string RetriesName = "scim.events.delivery.retries";
    public const string FailuresName = "scim.events.delivery.failures";
    public const string LagName = "scim.events.delivery.lag";
    public const string SuspendedName = "scim.events.subscription.suspended";

    public const string TenantAttribute = "scim.tenant";
    public const string SubscriptionAttribute = "scim.subscription";
    public const string ReasonAttribute = "scim.delivery.failure";

    private static readonly Meter Meter = new(PatchMetrics.MeterName, typeof(EventMetrics).Assembly.GetName().Version?.ToString());

    private static readonly Counter<long> Delivered = Meter.CreateCounter<long>(DeliveredName, "{event}",
        "Change events delivered to a webhook (answered 2xx), by tenant and subscription.");

    private static readonly Counter<long> Retries = Meter.CreateCounter<long>(RetriesName, "{attempt}",
        "Deliveries tried again after a failed attempt, by tenant and subscription.");

    private static readonly Counter<long> Failures = Meter.CreateCounter<long>(FailuresName, "{attempt}",
        "Failed delivery attempts, by tenant, subscription and reason.");

    private static readonly ConcurrentDictionary<object, Func<IEnumerable<Measurement<double>>>> LagSources = new();
    private static readonly ConcurrentDictionary<object, Func<IEnumerable<Measurement<int>>>> SuspendedSources = new();

    private static readonly ObservableGauge<double> Lag = Meter.CreateObservableGauge(LagName,
        static () => LagSources.Values.SelectMany(source => source()), "s",
        "Seconds since the oldest change event a subscription has not yet received was written; 0 when it is caught up.");

    private static readonly ObservableGauge<int> Suspended = Meter.CreateObservableGauge(SuspendedName,
        static () => SuspendedSources.Values.SelectMany(source => source()), unit: null,
        "1 for a webhook subscription suspended after failing too long, else 0, by tenant and subscription.");

    public static TagList Tags(string tenant, string subscription) => new() { { TenantAttribute, tenant }, { SubscriptionAttribute, subscription } };

    public static void RecordDelivered(string tenant, string subscription, int events) => Delivered.Add(events, Tags(tenant, subscription));

    public static void RecordRetry(string tenant, string subscription) => Retries.Add(1, Tags(tenant, subscription));

    public static void RecordFailure(string tenant, string subscription, string reason)
    {
        var tags = Tags(tenant, subscription);
        tags.Add(ReasonAttribute, reason);
        Failures.Add(1, tags);
    }

    public static void ReportLag(object owner, Func<IEnumerable<Measurement<double>>> source) => LagSources[owner] = source;

    public static void WithdrawLag(object owner) => LagSources.TryRemove(owner, out _);

    public static void ReportSuspended(object owner, Func<IEnumerable<Measurement<int>>> source) => SuspendedSources[owner] = source;

    public static void WithdrawSuspended(object owner) => SuspendedSources.TryRemove(owner, out _);
}
