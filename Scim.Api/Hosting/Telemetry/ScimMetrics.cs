using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;

namespace Scim.Api.Hosting.Telemetry;

/// <summary>
/// The instruments of the "Scim" meter; names, units and attributes are listed in the README under Telemetry.
/// <para>
/// The meter is static rather than made per host by <c>IMeterFactory</c>: OpenTelemetry merges identical instruments of
/// same-named meters into one stream, and a disposed host's meter would end that stream for every other host in the
/// process (several hosts run side by side in the tests). The observable gauges report what the live hosts register.
/// </para>
/// </summary>
public static class ScimMetrics
{
    public const string RequestsName = "scim.requests";
    public const string RequestDurationName = "scim.request.duration";
    public const string StoreDurationName = "scim.store.duration";
    public const string PatchOperationsName = Application.PatchMetrics.Name;
    public const string MembersAddedName = "scim.members.added";
    public const string MembersRemovedName = "scim.members.removed";
    public const string RateLimitRejectionsName = "scim.ratelimit.rejections";
    public const string ResourcesName = "scim.resources";
    public const string StoreAvailableName = "scim.store.available";
    public const string EventsWrittenName = "scim.events.written";

    // Seconds: from a read served in about a millisecond to a store call near its timeout.
    private static readonly double[] DurationBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private static readonly Meter Meter = new(ScimTelemetry.MeterName, typeof(ScimMetrics).Assembly.GetName().Version?.ToString());
    private static readonly InstrumentAdvice<double> Seconds = new() { HistogramBucketBoundaries = DurationBuckets };

    private static readonly Counter<long> Requests = Meter.CreateCounter<long>(RequestsName, "{request}",
        "SCIM requests answered, by resource type, operation, HTTP status and tenant.");

    private static readonly Histogram<double> RequestDuration = Meter.CreateHistogram(RequestDurationName, "s",
        "Time to answer a SCIM request, authentication and error handling included.", tags: null, advice: Seconds);

    private static readonly Histogram<double> StoreDuration = Meter.CreateHistogram(StoreDurationName, "s",
        "Time of one call to the resource store, by store, store operation, resource type and outcome.", tags: null, advice: Seconds);

    private static readonly Counter<long> MembersAdded = Meter.CreateCounter<long>(MembersAddedName, "{member}",
        "Members written to groups (creates, PATCH adds and the new list of a replacement), by resource type and tenant.");

    private static readonly Counter<long> MembersRemoved = Meter.CreateCounter<long>(MembersRemovedName, "{member}",
        "Members named for removal from groups by PATCH, by resource type and tenant.");

    private static readonly Counter<long> EventsWritten = Meter.CreateCounter<long>(EventsWrittenName, "{event}",
        "Change events written with the writes that committed, by tenant, resource type and operation.");

    private static readonly Counter<long> RateLimitRejections = Meter.CreateCounter<long>(RateLimitRejectionsName, "{request}",
        "Requests refused by the rate limiter (429), by tenant.");

    private static readonly ConcurrentDictionary<object, Func<IEnumerable<Measurement<long>>>> ResourceSources = new();
    private static readonly ConcurrentDictionary<object, Func<IEnumerable<Measurement<int>>>> StoreAvailabilitySources = new();

    private static readonly ObservableGauge<long> Resources = Meter.CreateObservableGauge(ResourcesName,
        static () => ResourceSources.Values.SelectMany(source => source()),
        "{resource}", "Resources stored, by tenant and resource type.");

    private static readonly ObservableGauge<int> StoreAvailable = Meter.CreateObservableGauge(StoreAvailableName,
        static () => StoreAvailabilitySources.Values.SelectMany(source => source()),
        unit: null, "1 when the resource store is initialized and answers, else 0, by store.");

    /// <summary>
    /// Counts one request refused by the rate limiter. Call it from the limiter's rejection callback with the caller's
    /// tenant, or null when the request was refused before it was authenticated.
    /// </summary>
    public static void RecordRateLimitRejection(string? tenant)
    {
        var tags = new TagList();
        AddIfPresent(ref tags, ScimAttributes.Tenant, tenant);
        RateLimitRejections.Add(1, tags);
    }

    internal static void RecordRequest(string operation, string? resourceType, string? tenant, int statusCode, TimeSpan duration)
    {
        var tags = new TagList { { ScimAttributes.Operation, operation }, { ScimAttributes.StatusCode, statusCode } };
        AddIfPresent(ref tags, ScimAttributes.ResourceType, resourceType);
        AddIfPresent(ref tags, ScimAttributes.Tenant, tenant);
        Requests.Add(1, tags);
        RequestDuration.Record(duration.TotalSeconds, tags);
    }

    internal static void RecordStoreCall(string store, string operation, string resourceType, string outcome, TimeSpan duration) =>
        StoreDuration.Record(duration.TotalSeconds, new TagList
        {
            { ScimAttributes.Store, store },
            { ScimAttributes.StoreOperation, operation },
            { ScimAttributes.ResourceType, resourceType },
            { ScimAttributes.StoreOutcome, outcome },
        });

    internal static void RecordMembersChanged(string tenant, string resourceType, int added, int removed)
    {
        var tags = new TagList { { ScimAttributes.ResourceType, resourceType }, { ScimAttributes.Tenant, tenant } };
        if (added > 0)
        {
            MembersAdded.Add(added, tags);
        }

        if (removed > 0)
        {
            MembersRemoved.Add(removed, tags);
        }
    }

    internal static void RecordEventWritten(string tenant, string resourceType, string operation, int count = 1) =>
        EventsWritten.Add(count, new TagList
        {
            { ScimAttributes.Tenant, tenant },
            { ScimAttributes.ResourceType, resourceType },
            { ScimAttributes.Operation, operation },
        });

    /// <summary>Adds what <paramref name="owner"/> reports to the <c>scim.resources</c> gauge until it is withdrawn.</summary>
    internal static void ReportResources(object owner, Func<IEnumerable<Measurement<long>>> source) => ResourceSources[owner] = source;

    internal static void WithdrawResources(object owner) => ResourceSources.TryRemove(owner, out _);

    /// <summary>Adds what <paramref name="owner"/> reports to the <c>scim.store.available</c> gauge until it is withdrawn.</summary>
    internal static void ReportStoreAvailability(object owner, Func<IEnumerable<Measurement<int>>> source) => StoreAvailabilitySources[owner] = source;

    internal static void WithdrawStoreAvailability(object owner) => StoreAvailabilitySources.TryRemove(owner, out _);

    private static void AddIfPresent(ref TagList tags, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            tags.Add(key, value);
        }
    }
}
