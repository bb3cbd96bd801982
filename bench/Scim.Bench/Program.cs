using Scim.Bench;
using Scim.Bench.Http;
using Scim.Bench.Measurement;
using Scim.Bench.Scenarios;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (UsageException usage)
{
    Console.Error.WriteLine(usage.Message);
    return 2;
}

using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupted.Cancel();
};

CpuSnapshot.ServerPid = options.ServerPid;
using var client = new ScimClient(options.BaseUrl, options.Token, options.Concurrency);
var report = new ResultReport(Console.Out, options.Output);
var context = new BenchContext(options, client, report, interrupted.Token);
Console.WriteLine($"Scim.Bench run '{context.RunId}' against {options.BaseUrl}: {string.Join(", ", options.Scenarios)}");
Console.WriteLine($"users {options.Users:N0}, duration {options.Duration}, concurrency {options.Concurrency}, {Environment.ProcessorCount} cores visible");

foreach (var scenario in options.Scenarios)
{
    if (interrupted.IsCancellationRequested)
    {
        break;
    }

    Console.WriteLine();
    Console.WriteLine($"-> {scenario} (started {DateTime.UtcNow:HH:mm:ss} UTC)");
    try
    {
        await ScenarioRunner.RunAsync(scenario, context);
    }
    catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
    {
        Console.WriteLine($"-- {scenario} interrupted");
    }
}

report.PrintSummary();
return report.Results.Any(r => r.Outcome == ScenarioOutcome.Failed) ? 1 : 0;
