using Scim.Api.Tests.Deployment;

namespace Scim.Api.Tests.Deploy;

/// <summary>
/// Every query of the Grafana dashboard returns data when Prometheus's engine (promtool) runs it over what the service's
/// own <c>/metrics</c> exports after doing one of everything the dashboard watches; the series alerts.test.yml feeds
/// the alert rules are named and labelled as the service names and labels them. The collector's Prometheus exporter
/// writes the same names (README, "Telemetry"), so a misspelt metric or label fails here, not on an operator's screen.
/// </summary>
public sealed class DashboardMetricsTests(ExercisedServiceFixture service) : IClassFixture<ExercisedServiceFixture>
{
    private const string RateInterval = "5m";

    public static TheoryData<string> DashboardQueries => new(DeployQueries.Dashboard().Select(q => q.Source));

    public static TheoryData<string> AlertTestSeries => new(AlertRulesTests.TestInputSeries());

    [Theory]
    [MemberData(nameof(DashboardQueries))]
    public void DashboardQuery_ReturnsData_FromTheSeriesTheServiceExports(string source)
    {
        var query = DeployQueries.DashboardQuery(source).ForPrometheus(RateInterval);

        var run = Promtool.Evaluate(service.Scraped, $"count({query}) > bool 0", ("{}", 1));

        Assert.True(run.ExitCode == 0, $"{source} returns nothing over the exported series: {query}\n{run.Output}{run.Error}");
    }

    [Fact]
    public void ErrorRatioPanel_ShowsZeroServerErrors_ForATenantThatGotNone()
    {
        Assert.DoesNotContain(service.Scraped.Samples, s => s.Name == "scim_requests_total"
            && s.Labels.GetValueOrDefault("scim_tenant") == service.Tenant && s.Labels["http_response_status_code"].StartsWith('5'));
        var query = DeployQueries.DashboardQuery(DeployQueries.PanelSource("Error ratio", "A")).ForPrometheus(RateInterval, service.Tenant);

        var run = Promtool.Evaluate(service.Scraped, query, ("{}", 0));

        Assert.True(run.ExitCode == 0, $"the 5xx ratio is not 0 for a tenant without 5xx: {query}\n{run.Output}{run.Error}");
    }

    [Theory]
    [MemberData(nameof(AlertTestSeries))]
    public void AlertTestSeries_IsNamedAndLabelledAsTheServiceExportsIt(string series)
    {
        var (name, labels) = Exposition.ReadSeries(series);
        var exported = service.Scraped.Samples.Where(s => s.Name == name).ToList();

        Assert.True(exported.Count > 0, $"{DeployQueries.AlertTestsFile} feeds '{name}', which the service does not export");
        Assert.Contains(exported, s => labels.Keys.All(s.Labels.ContainsKey));
    }
}
