using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Scim.Api.Tests.Deployment;
using YamlDotNet.RepresentationModel;

namespace Scim.Api.Tests.Deploy;

/// <summary>One PromQL query of a deploy file, with where it comes from for messages.</summary>
public sealed partial record DeployQuery(string Source, string Expression)
{
    /// <summary>
    /// The PromQL that Prometheus receives when Grafana runs the query: <c>$tenant</c> is the selected tenant, by default
    /// the variable's value for "All"; <c>$__rate_interval</c> is the given window. A variable's
    /// <c>label_values(metric, label)</c> (a Grafana function, which it answers from the series API) becomes the query
    /// for the same series.
    /// </summary>
    public string ForPrometheus(string rateInterval, string? tenant = null)
    {
        if (LabelValues().Match(Expression) is { Success: true } labelValues)
        {
            var label = labelValues.Groups["label"].Value;
            return $"group by ({label}) ({labelValues.Groups["metric"].Value}{{{label}!=\"\"}})";
        }

        return Expression.Replace("$tenant", tenant ?? DeployQueries.AllTenants, StringComparison.Ordinal)
            .Replace("$__rate_interval", rateInterval, StringComparison.Ordinal);
    }

    public override string ToString() => Source;

    [GeneratedRegex(@"^\s*label_values\(\s*(?<metric>[a-zA-Z_:][a-zA-Z0-9_:]*)\s*,\s*(?<label>[a-zA-Z_][a-zA-Z0-9_]*)\s*\)\s*$")]
    private static partial Regex LabelValues();
}

/// <summary>An alerting rule of deploy/prometheus/alerts.yml.</summary>
public sealed record AlertRule(string Name, string Expression);

/// <summary>The queries of the Grafana dashboard and the rules of the Prometheus alert file under deploy/.</summary>
internal static class DeployQueries
{
    public const string DashboardFile = "deploy/grafana/dashboards/scim.json";
    public const string AlertsFile = "deploy/prometheus/alerts.yml";
    public const string AlertTestsFile = "deploy/prometheus/alerts.test.yml";

    /// <summary>The tenant variable's value for "All", as the dashboard declares it.</summary>
    public static string AllTenants { get; } = Variables().Single(v => v["name"]!.GetValue<string>() == "tenant")["allValue"]!.GetValue<string>();

    /// <summary>Every panel target (source "panel 'TITLE' REFID") and every query variable (source "variable 'NAME'").</summary>
    public static IReadOnlyList<DeployQuery> Dashboard()
    {
        var queries = new List<DeployQuery>();
        foreach (var panel in Panels(Json(DashboardFile)["panels"]!.AsArray()))
        {
            foreach (var target in panel["targets"]?.AsArray() ?? [])
            {
                queries.Add(new DeployQuery(PanelSource(panel["title"]!.GetValue<string>(), target!["refId"]!.GetValue<string>()), target["expr"]!.GetValue<string>()));
            }
        }

        foreach (var variable in Variables().Where(v => v["type"]!.GetValue<string>() == "query"))
        {
            var query = variable["query"] is JsonObject detailed ? detailed["query"]!.GetValue<string>() : variable["query"]!.GetValue<string>();
            queries.Add(new DeployQuery($"variable '{variable["name"]}'", query));
        }

        return queries;
    }

    public static DeployQuery DashboardQuery(string source) => Dashboard().Single(q => q.Source == source);

    public static string PanelSource(string title, string refId) => $"panel '{title}' {refId}";

    public static IReadOnlyList<AlertRule> Alerts() =>
        YamlNodes.LoadDocuments(RepositoryFiles.PathOf(AlertsFile)).Single().Items("groups").OfType<YamlMappingNode>()
            .SelectMany(g => g.Items("rules").OfType<YamlMappingNode>())
            .Where(r => r.Text("alert") is not null)
            .Select(r => new AlertRule(r.Text("alert")!, r.Text("expr") ?? ""))
            .ToList();

    private static IEnumerable<JsonObject> Variables() => Json(DashboardFile)["templating"]!["list"]!.AsArray().OfType<JsonObject>();

    private static JsonObject Json(string file) => JsonNode.Parse(RepositoryFiles.Read(file))!.AsObject();

    private static IEnumerable<JsonObject> Panels(JsonArray panels)
    {
        foreach (var panel in panels.OfType<JsonObject>())
        {
            yield return panel;
            foreach (var nested in Panels(panel["panels"]?.AsArray() ?? []))
            {
                yield return nested;
            }
        }
    }
}
