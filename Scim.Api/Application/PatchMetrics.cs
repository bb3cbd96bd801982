using System.Diagnostics;
using System.Diagnostics.Metrics;
using Scim.Api.Core.Patch;

namespace Scim.Api.Application;

/// <summary>
/// <c>scim.patch.operations</c>: the operations of every applied PATCH, counted from the parsed request in the pipeline,
/// so a PATCH is counted however it arrived (its route, <c>/Me</c> or a <c>/Bulk</c> operation). Its meter has the
/// name of the service's meter, so exporters that listen to it receive this counter with the others.
/// </summary>
internal static class PatchMetrics
{
    public const string MeterName = "Scim";
    public const string Name = "scim.patch.operations";

    private static readonly Meter Meter = new(MeterName, typeof(PatchMetrics).Assembly.GetName().Version?.ToString());

    private static readonly Counter<long> Operations = Meter.CreateCounter<long>(Name, "{operation}",
        "Operations of applied PATCH requests, by op (add, replace, remove), resource type and tenant.");

    public static void Record(string tenant, string resourceType, PatchRequest request)
    {
        foreach (var group in request.Operations.GroupBy(operation => operation.Op))
        {
            Operations.Add(group.Count(), new TagList
            {
                { "scim.patch.op", group.Key.ToString().ToLowerInvariant() },
                { "scim.resource_type", resourceType },
                { "scim.tenant", tenant },
            });
        }
    }
}
