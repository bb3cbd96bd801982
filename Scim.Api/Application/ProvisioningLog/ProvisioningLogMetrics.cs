using System.Diagnostics.Metrics;

namespace Scim.Api.Application.ProvisioningLog;

/// <summary>
/// <c>scim.provisioning_log.dropped</c>: entries the provisioning log did not keep, because its buffer was full (the
/// store wrote more slowly than requests arrived) or the store refused a batch. The requests themselves were answered
/// as usual; only their log entries are missing. On the service's meter, like the other instruments.
/// </summary>
internal static class ProvisioningLogMetrics
{
    public const string DroppedName = "scim.provisioning_log.dropped";

    private static readonly Meter Meter = new(PatchMetrics.MeterName, typeof(ProvisioningLogMetrics).Assembly.GetName().Version?.ToString());

    private static readonly Counter<long> Dropped = Meter.CreateCounter<long>(DroppedName, "{entry}",
        "Provisioning log entries dropped, by reason (buffer_full, store_failed).");

    public static void RecordDropped(long count, string reason) =>
        Dropped.Add(count, new KeyValuePair<string, object?>("reason", reason));
}
