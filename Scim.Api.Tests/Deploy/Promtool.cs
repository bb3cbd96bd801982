using System.Globalization;
using System.Text.Json;
using Scim.Api.Tests.Deployment;

namespace Scim.Api.Tests.Deploy;

/// <summary>
/// Prometheus's own promtool (Debian package prometheus, which .ci/run installs): it checks and unit-tests the rule files,
/// and evaluates PromQL over given series with the real query engine.
/// </summary>
internal static class Promtool
{
    /// <summary>When the queries are evaluated: the input series run from 0 to this time, a sample a minute.</summary>
    public static readonly TimeSpan EvaluationTime = TimeSpan.FromMinutes(10);

    private static readonly InstalledTool Tool = new("promtool",
        "the alert rules and the dashboard's queries are checked by Prometheus's promtool (Debian package prometheus).");

    public static ToolRun CheckRules(string file) => Tool.Run("check", "rules", file);

    public static ToolRun TestRules(string file) => Tool.Run("test", "rules", file);

    /// <summary>
    /// Evaluates <paramref name="expression"/> at <see cref="EvaluationTime"/> over the scraped samples, each turned into
    /// a series of one sample a minute (a gauge holds its value; any other series rises from 0 by its value each
    /// minute, as a counter does), and compares the result with <paramref name="expected"/> (labels as
    /// <c>{name="value"}</c>). promtool's report, on failure, shows what the query returned.
    /// </summary>
    public static ToolRun Evaluate(Exposition scraped, string expression, params (string Labels, double Value)[] expected)
    {
        var minutes = (int)EvaluationTime.TotalMinutes;
        var series = scraped.Samples.Where(s => double.IsFinite(s.Value)).Select(s => new
        {
            series = s.Series,
            values = scraped.Gauges.Contains(s.Name)
                ? string.Create(CultureInfo.InvariantCulture, $"{s.Value:R}x{minutes}")
                : string.Create(CultureInfo.InvariantCulture, $"0+{s.Value:R}x{minutes}"),
        });
        var test = new
        {
            tests = new[]
            {
                new
                {
                    interval = "1m",
                    input_series = series,
                    promql_expr_test = new[]
                    {
                        new
                        {
                            expr = expression,
                            eval_time = $"{minutes}m",
                            exp_samples = expected.Select(e => new { labels = e.Labels, value = e.Value }),
                        },
                    },
                },
            },
        };

        // A promtool test file is YAML, of which JSON is a part.
        var file = Path.Combine(Path.GetTempPath(), $"scim-promql-{Guid.NewGuid():N}.yml");
        File.WriteAllText(file, JsonSerializer.Serialize(test));
        try
        {
            return TestRules(file);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
