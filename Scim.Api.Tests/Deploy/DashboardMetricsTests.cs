using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Polly;
using Polly.Timeout;
using Scim.Api.Hosting.Telemetry;
using Scim.Api.Storage.Mongo;
using Scim.Api.Tests.Endpoints;
using Scim.Api.Tests.Hosting.Telemetry;

namespace Scim.Api.Tests.Deploy;

/// <summary>
/// Every metric and label the Grafana dashboard and the Prometheus alert rules query is one the service emits: the API is
/// exercised (create, filtered list, member PATCH, a failure, a rate-limit rejection, the gauges, a store pipeline
/// timeout), the in-memory exporter's metrics are named as the collector's Prometheus exporter names them, and the names
/// in each query are looked up among them.
/// </summary>
public sealed class DashboardMetricsTests(TelemetryApiFixture fixture) : IClassFixture<TelemetryApiFixture>
{
    private const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    public static TheoryData<string, string> Queries =>
        [.. DeployQueries.Dashboard().Concat(DeployQueries.Alerts()).Select(query => (query.Source, query.Expression))];

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task EveryQueriedMetricAndLabel_IsEmittedByTheService(string query, string expression)
    {
        var emitted = await ExerciseAndCollectAsync();
        var (metrics, labels) = PromQl.NamesIn(expression);

        Assert.NotEmpty(metrics);
        foreach (var metric in metrics)
        {
            Assert.True(emitted.ContainsKey(metric),
                $"{query} queries '{metric}', which the service does not emit. Emitted: {string.Join(", ", emitted.Keys.Where(k => k.StartsWith("scim", StringComparison.Ordinal) || k.StartsWith("resilience", StringComparison.Ordinal)).Order())}");
        }

        var available = metrics.SelectMany(metric => emitted[metric]).ToHashSet(StringComparer.Ordinal);
        foreach (var label in labels)
        {
            Assert.True(available.Contains(label), $"{query} uses the label '{label}', which none of {string.Join(", ", metrics)} carries. Labels: {string.Join(", ", available.Order())}");
        }
    }

    [Fact]
    public void TheDashboardAndTheAlertRules_HaveQueries_AndEveryAlertRuleHasAnExpression()
    {
        Assert.True(DeployQueries.Dashboard().Count >= 15);
        Assert.Equal(DeployQueries.AlertRuleCount(), DeployQueries.Alerts().Count);
        Assert.All(DeployQueries.Alerts(), query => Assert.False(string.IsNullOrWhiteSpace(query.Expression), $"{query} has no expression"));
    }

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static IReadOnlyDictionary<string, IReadOnlySet<string>>? _emitted;

    /// <summary>Prometheus series name → its labels, collected once for all queries of this class.</summary>
    private async Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> ExerciseAndCollectAsync()
    {
        await Once.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            return _emitted ??= await ExerciseAsync();
        }
        finally
        {
            Once.Release();
        }
    }

    private async Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> ExerciseAsync()
    {
        using var client = fixture.CreateClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName("dash"));
        var list = await client.GetAsync($"/scim/v2/Users?filter={Uri.EscapeDataString($"userName eq \"{user["userName"]}\"")}");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var group = await client.CreateGroupAsync(ScimHttp.UniqueName("dash-group"));
        var patched = await client.PatchAsync($"/scim/v2/Groups/{group.Id()}",
            $$"""{"schemas":["{{PatchOp}}"],"Operations":[{"op":"add","path":"members","value":[{"value":"{{user.Id()}}"}]}]}""");
        Assert.Equal(HttpStatusCode.NoContent, patched.StatusCode);
        var removed = await client.PatchAsync($"/scim/v2/Groups/{group.Id()}",
            $$"""{"schemas":["{{PatchOp}}"],"Operations":[{"op":"remove","path":"members[value eq \"{{user.Id()}}\"]"}]}""");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/scim/v2/Users/{Guid.NewGuid()}")).StatusCode);
        ScimMetrics.RecordRateLimitRejection(fixture.Tenant);

        await fixture.HostedService<ResourceCountGauge>().RefreshAsync(TestContext.Current.CancellationToken);
        var report = await fixture.Service<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);
        await fixture.Services<IHealthCheckPublisher>().OfType<StoreAvailabilityGauge>().Single().PublishAsync(report, TestContext.Current.CancellationToken);

        // The MongoDB store's own pipeline, timing out: what Polly reports when MongoDB is slow.
        var pipeline = MongoResilience.Store(new MongoStoreOptions { OperationTimeout = TimeSpan.FromMilliseconds(20) }, TimeProvider.System, null);
        await Assert.ThrowsAsync<TimeoutRejectedException>(async () => await pipeline.ExecuteAsync(
            static async token => await Task.Delay(TimeSpan.FromSeconds(30), token), TestContext.Current.CancellationToken));

        var series = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var metric in fixture.CollectMetrics())
        {
            var labels = metric.MetricPoints.SelectMany(point => MetricAssert.TagsOf(point).Keys).Select(PrometheusNames.Label).ToHashSet(StringComparer.Ordinal);
            foreach (var name in PrometheusNames.SeriesOf(metric.Name, metric.Unit, metric.MetricType))
            {
                var set = series.TryGetValue(name, out var existing) ? existing : series[name] = new HashSet<string>(StringComparer.Ordinal);
                set.UnionWith(labels);
                if (name.EndsWith("_bucket", StringComparison.Ordinal))
                {
                    set.Add("le");
                }
            }
        }

        return series.ToDictionary(entry => entry.Key, entry => (IReadOnlySet<string>)entry.Value, StringComparer.Ordinal);
    }
}
