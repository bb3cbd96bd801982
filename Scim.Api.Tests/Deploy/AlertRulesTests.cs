using Scim.Api.Tests.Deployment;
using YamlDotNet.RepresentationModel;

namespace Scim.Api.Tests.Deploy;

/// <summary>
/// deploy/prometheus/alerts.yml is valid for Prometheus and does what alerts.test.yml says, case by case, checked by
/// promtool; every alert has a case where it fires and one where it does not.
/// </summary>
public sealed class AlertRulesTests
{
    public static TheoryData<string> AlertNames => new(DeployQueries.Alerts().Select(a => a.Name));

    [Fact]
    public void AlertRules_PassPromtoolCheckRules()
    {
        var run = Promtool.CheckRules(RepositoryFiles.PathOf(DeployQueries.AlertsFile));

        Assert.True(run.ExitCode == 0, $"promtool check rules:\n{run.Output}{run.Error}");
    }

    [Fact]
    public void AlertRules_PassTheirUnitTests_WithPromtoolTestRules()
    {
        var run = Promtool.TestRules(RepositoryFiles.PathOf(DeployQueries.AlertTestsFile));

        Assert.True(run.ExitCode == 0, $"promtool test rules:\n{run.Output}{run.Error}");
    }

    [Theory]
    [MemberData(nameof(AlertNames))]
    public void EveryAlert_HasACaseWhereItFires_AndOneWhereItDoesNot(string alert)
    {
        var cases = AlertRuleCases().Where(c => c.Text("alertname") == alert).ToList();

        Assert.Contains(cases, c => c.Items("exp_alerts").Any());
        Assert.Contains(cases, c => !c.Items("exp_alerts").Any());
    }

    [Fact]
    public void AlertRuleTests_TestTheRepositorysAlertFile()
    {
        var tests = YamlNodes.LoadDocuments(RepositoryFiles.PathOf(DeployQueries.AlertTestsFile)).Single();

        Assert.Equal(["alerts.yml"], tests.Texts("rule_files"));
        Assert.Equal(DeployQueries.Alerts().Select(a => a.Name).Order(StringComparer.Ordinal),
            AlertRuleCases().Select(c => c.Text("alertname")).Distinct().Order(StringComparer.Ordinal));
    }

    /// <summary>Every input series of alerts.test.yml, as written.</summary>
    internal static IEnumerable<string> TestInputSeries() =>
        Tests().SelectMany(t => t.Items("input_series").OfType<YamlMappingNode>()).Select(s => s.Text("series")!).Distinct(StringComparer.Ordinal);

    private static IEnumerable<YamlMappingNode> AlertRuleCases() => Tests().SelectMany(t => t.Items("alert_rule_test").OfType<YamlMappingNode>());

    private static IEnumerable<YamlMappingNode> Tests() =>
        YamlNodes.LoadDocuments(RepositoryFiles.PathOf(DeployQueries.AlertTestsFile)).Single().Items("tests").OfType<YamlMappingNode>();
}
