namespace Scim.Bench.Measurement;

internal enum ScenarioOutcome
{
    Passed,
    Failed,
    NotSupported,
}

/// <summary>What one scenario measured. A run with errors is reported as failed, never as a throughput.</summary>
internal sealed record ScenarioResult(
    string Name,
    long Requests,
    TimeSpan Elapsed,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double MaxMs,
    long Errors,
    IReadOnlyDictionary<int, long> Statuses,
    IReadOnlyList<string> ErrorSamples,
    IReadOnlyList<string> Notes,
    IReadOnlyDictionary<string, double> Metrics,
    ScenarioOutcome Outcome)
{
    public double Throughput => Elapsed.TotalSeconds > 0 ? Requests / Elapsed.TotalSeconds : 0;

    public static ScenarioResult NotSupported(string name, string reason) => new(
        name, 0, TimeSpan.Zero, 0, 0, 0, 0, 0, new Dictionary<int, long>(), [], [reason], new Dictionary<string, double>(),
        ScenarioOutcome.NotSupported);

    public static ScenarioResult Aborted(string name, string reason) => new(
        name, 0, TimeSpan.Zero, 0, 0, 0, 0, 1, new Dictionary<int, long>(), [reason], [], new Dictionary<string, double>(),
        ScenarioOutcome.Failed);
}
