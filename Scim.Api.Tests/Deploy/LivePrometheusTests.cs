namespace Scim.Api.Tests.Deploy;

/// <summary>
/// Against a real Prometheus scraping the running service's own <c>/metrics</c> after it has handled traffic (.ci/run
/// starts both, sends requests of each kind including 4xx and a 429, and sets <c>SCIM_PROMETHEUS_URL</c>): every query
/// of the dashboard returns data, the error ratio of the healthy service is 0 rather than empty, and the alert rules are
/// loaded, evaluate without error, and none is pending or firing. Skipped unless <c>SCIM_PROMETHEUS_URL</c> is set.
/// </summary>
public sealed class LivePrometheusTests
{
    public const string UrlVariable = "SCIM_PROMETHEUS_URL";

    // Wide enough to hold the traffic .ci/run sends before the tests run ($__rate_interval is Grafana's to choose).
    private const string RateInterval = "10m";

    // A late gauge (resources are counted every few seconds, store availability every 15 s) may need a moment.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    /// <summary>Queries a healthy service on SQLite answers with no series, and why; DashboardMetricsTests cover them.</summary>
    public static readonly IReadOnlyDictionary<string, string> EmptyOnAHealthySqliteService = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [DeployQueries.PanelSource("Store calls not completed", "A")] = "no store call fails or is cancelled",
        [DeployQueries.PanelSource("Store resilience events (MongoDB)", "A")] = "only the MongoDB store has a resilience pipeline",
    };

    public static TheoryData<string> QueriesWithData =>
        new(DeployQueries.Dashboard().Select(q => q.Source).Where(s => !EmptyOnAHealthySqliteService.ContainsKey(s)));

    [Theory]
    [MemberData(nameof(QueriesWithData))]
    public async Task DashboardQuery_ReturnsData(string source)
    {
        using var prometheus = Prometheus();
        var query = DeployQueries.DashboardQuery(source).ForPrometheus(RateInterval);

        var samples = await QueryUntilDataAsync(prometheus, query);

        Assert.True(samples.Count > 0, $"{source} returns nothing: {query}");
    }

    [Fact]
    public async Task ErrorRatio_OfTheHealthyService_IsZeroServerErrors_AndSomeClientErrors()
    {
        using var prometheus = Prometheus();
        var serverErrors = DeployQueries.DashboardQuery(DeployQueries.PanelSource("Error ratio", "A")).ForPrometheus(RateInterval);
        var clientErrors = DeployQueries.DashboardQuery(DeployQueries.PanelSource("Error ratio", "B")).ForPrometheus(RateInterval);

        Assert.Equal(0, Assert.Single(await QueryUntilDataAsync(prometheus, serverErrors)).Value);
        // "or vector(0)" answers 0 before Prometheus holds two samples of the 4xx counters: wait for the ratio to rise.
        Assert.InRange(Assert.Single(await QueryUntilAsync(prometheus, clientErrors, samples => samples.Any(s => s.Value > 0))).Value, double.Epsilon, 1);
    }

    [Fact]
    public async Task EveryScrapeTarget_IsUp()
    {
        using var prometheus = Prometheus();

        var up = await QueryUntilDataAsync(prometheus, "up");

        Assert.NotEmpty(up);
        Assert.All(up, target => Assert.True(target.Value == 1, $"{string.Join(", ", target.Labels)} is down"));
    }

    [Fact]
    public async Task AlertRules_AreLoadedAndHealthy_AndNoneIsPendingOrFiringForTheHealthyService()
    {
        using var prometheus = Prometheus();

        var rules = await prometheus.RulesAsync(TestContext.Current.CancellationToken);

        Assert.Equal(DeployQueries.Alerts().Select(a => a.Name).Order(StringComparer.Ordinal),
            rules.Where(r => r["type"]?.GetValue<string>() == "alerting").Select(r => r["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(rules, rule => Assert.True(rule["health"]?.GetValue<string>() == "ok", $"rule {rule["name"]}: {rule["health"]} {rule["lastError"]}"));
        Assert.All(rules.Where(r => r["type"]?.GetValue<string>() == "alerting"),
            rule => Assert.True(rule["state"]?.GetValue<string>() == "inactive", $"alert {rule["name"]} is {rule["state"]} for a healthy service"));
    }

    [Fact]
    public void QueriesLeftOutAsEmpty_AreTheDashboards()
    {
        var sources = DeployQueries.Dashboard().Select(q => q.Source).ToHashSet(StringComparer.Ordinal);

        Assert.All(EmptyOnAHealthySqliteService.Keys, source => Assert.Contains(source, sources));
    }

    private static PrometheusApi Prometheus()
    {
        var url = Environment.GetEnvironmentVariable(UrlVariable);
        if (string.IsNullOrWhiteSpace(url))
        {
            Assert.Skip($"{UrlVariable} is not set: these tests query a Prometheus that scrapes a running service (.ci/run sets it up).");
        }

        return new PrometheusApi(new Uri(url.TrimEnd('/') + "/"));
    }

    private static Task<IReadOnlyList<QueriedSample>> QueryUntilDataAsync(PrometheusApi prometheus, string query) =>
        QueryUntilAsync(prometheus, query, samples => samples.Count > 0);

    // The query's answer once it satisfies the condition, or its last answer after the patience ran out.
    private static async Task<IReadOnlyList<QueriedSample>> QueryUntilAsync(
        PrometheusApi prometheus, string query, Func<IReadOnlyList<QueriedSample>, bool> satisfied)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var samples = await prometheus.QueryAsync(query, TestContext.Current.CancellationToken);
            if (satisfied(samples) || DateTime.UtcNow > deadline)
            {
                return samples;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        }
    }
}
