using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Scim.Bench.Measurement;

/// <summary>Prints each result as it comes, a summary table at the end, and optionally appends JSON lines to a file.</summary>
internal sealed class ResultReport(TextWriter console, string? outputPath)
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };

    private readonly List<ScenarioResult> _results = [];

    public IReadOnlyList<ScenarioResult> Results => _results;

    public void Add(ScenarioResult result)
    {
        _results.Add(result);
        console.WriteLine(Describe(result));
        if (outputPath is not null)
        {
            File.AppendAllText(outputPath, JsonLine(result) + "\n");
        }
    }

    public void PrintSummary()
    {
        console.WriteLine();
        console.WriteLine("| scenario | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | non-2xx | result |");
        console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in _results)
        {
            var throughput = r.Outcome == ScenarioOutcome.Passed ? Number(r.Throughput, 0) : "—";
            console.WriteLine(
                $"| {r.Name} | {r.Requests} | {throughput} | {Number(r.P50Ms, 2)} | {Number(r.P95Ms, 2)} | {Number(r.P99Ms, 2)} | "
                + $"{Number(r.MaxMs, 2)} | {r.Errors} | {OutcomeText(r)} |");
        }
    }

    public static string Describe(ScenarioResult r)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"== {r.Name}: ");
        switch (r.Outcome)
        {
            case ScenarioOutcome.NotSupported:
                text.Append("not supported by this endpoint");
                break;
            case ScenarioOutcome.Failed:
                text.Append(CultureInfo.InvariantCulture, $"FAILED ({r.Errors} errors in {r.Requests} requests; statuses {Statuses(r)})");
                break;
            default:
                text.Append(CultureInfo.InvariantCulture,
                    $"{r.Requests} requests in {Number(r.Elapsed.TotalSeconds, 2)} s = {Number(r.Throughput, 0)} req/s");
                break;
        }

        if (r.Requests > 0)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"\n   latency ms: p50 {Number(r.P50Ms, 2)}  p95 {Number(r.P95Ms, 2)}  p99 {Number(r.P99Ms, 2)}  max {Number(r.MaxMs, 2)}; non-2xx {r.Errors}");
        }

        foreach (var note in r.Notes)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n   {note}");
        }

        foreach (var sample in r.ErrorSamples)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n   error: {sample}");
        }

        return text.ToString();
    }

    private static string OutcomeText(ScenarioResult r) => r.Outcome switch
    {
        ScenarioOutcome.NotSupported => "not supported by this endpoint" + (r.Notes.Count > 0 ? $": {r.Notes[0]}" : ""),
        ScenarioOutcome.Failed => $"FAILED ({Statuses(r)})",
        _ => string.Join("; ", r.Notes),
    };

    private static string Statuses(ScenarioResult r) =>
        string.Join(", ", r.Statuses.OrderBy(s => s.Key).Select(s => $"{(s.Key == 0 ? "no response" : s.Key.ToString(CultureInfo.InvariantCulture))}×{s.Value}"));

    private static string Number(double value, int decimals) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string JsonLine(ScenarioResult r) => JsonSerializer.Serialize(
        new Dictionary<string, object>
        {
            ["scenario"] = r.Name,
            ["outcome"] = r.Outcome.ToString(),
            ["requests"] = r.Requests,
            ["seconds"] = Math.Round(r.Elapsed.TotalSeconds, 3),
            ["requestsPerSecond"] = Math.Round(r.Throughput, 1),
            ["p50Ms"] = Math.Round(r.P50Ms, 3),
            ["p95Ms"] = Math.Round(r.P95Ms, 3),
            ["p99Ms"] = Math.Round(r.P99Ms, 3),
            ["maxMs"] = Math.Round(r.MaxMs, 3),
            ["errors"] = r.Errors,
            ["statuses"] = r.Statuses.ToDictionary(s => s.Key.ToString(CultureInfo.InvariantCulture), s => s.Value),
            ["notes"] = r.Notes,
            ["errorSamples"] = r.ErrorSamples,
            ["metrics"] = r.Metrics,
        },
        JsonOptions);
}
