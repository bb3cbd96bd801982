using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Scim.Api.Tests.Deploy;

/// <summary>One query of a deploy file, with where it comes from for messages.</summary>
public sealed record DeployQuery(string Source, string Expression)
{
    public override string ToString() => Source;
}

/// <summary>Reads the PromQL queries of the Grafana dashboard and of the Prometheus alert rules under deploy/.</summary>
internal static partial class DeployQueries
{
    public static string Folder { get; } = FindDeployFolder();

    public static string DashboardPath => Path.Combine(Folder, "grafana", "dashboards", "scim.json");

    public static string AlertsPath => Path.Combine(Folder, "prometheus", "alerts.yml");

    public static IReadOnlyList<DeployQuery> Dashboard()
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(DashboardPath))!.AsObject();
        var queries = new List<DeployQuery>();
        foreach (var panel in Panels(dashboard["panels"]!.AsArray()))
        {
            foreach (var target in panel["targets"]?.AsArray() ?? [])
            {
                queries.Add(new DeployQuery($"dashboard panel '{panel["title"]}' {target!["refId"]}", target["expr"]!.GetValue<string>()));
            }
        }

        foreach (var variable in dashboard["templating"]!["list"]!.AsArray())
        {
            if (variable!["type"]!.GetValue<string>() == "query")
            {
                var query = variable["query"] is JsonObject detailed ? detailed["query"]!.GetValue<string>() : variable["query"]!.GetValue<string>();
                queries.Add(new DeployQuery($"dashboard variable '{variable["name"]}'", query));
            }
        }

        return queries;
    }

    /// <summary>
    /// The <c>expr</c> of every rule in alerts.yml: a plain scalar on its line, or a block scalar (| or &gt;) made of the
    /// lines indented deeper than the key. That is all of YAML the rules file uses.
    /// </summary>
    public static IReadOnlyList<DeployQuery> Alerts()
    {
        var lines = File.ReadAllLines(AlertsPath);
        var queries = new List<DeployQuery>();
        string? alert = null;
        for (var index = 0; index < lines.Length; index++)
        {
            if (AlertLine().Match(lines[index]) is { Success: true } name)
            {
                alert = name.Groups["name"].Value;
                continue;
            }

            if (ExprLine().Match(lines[index]) is not { Success: true } expr)
            {
                continue;
            }

            var value = expr.Groups["value"].Value.Trim();
            if (value is "|" or ">" or "|-" or ">-")
            {
                var indent = expr.Groups["indent"].Value.Length;
                var block = new List<string>();
                while (index + 1 < lines.Length && (lines[index + 1].Trim().Length == 0 || Indent(lines[index + 1]) > indent))
                {
                    block.Add(lines[++index].Trim());
                }

                value = string.Join(" ", block.Where(line => line.Length > 0));
            }

            queries.Add(new DeployQuery($"alert '{alert}'", value.Trim('"', '\'')));
        }

        return queries;
    }

    public static int AlertRuleCount() => File.ReadAllLines(AlertsPath).Count(line => AlertLine().IsMatch(line));

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

    private static int Indent(string line) => line.Length - line.TrimStart(' ').Length;

    private static string FindDeployFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "deploy");
            if (File.Exists(Path.Combine(candidate, "grafana", "dashboards", "scim.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"No deploy/ folder with grafana/dashboards/scim.json above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"^\s*-\s*alert:\s*(?<name>\S+)")]
    private static partial Regex AlertLine();

    [GeneratedRegex(@"^(?<indent>\s*)expr:\s*(?<value>.*)$")]
    private static partial Regex ExprLine();
}
