using Scim.Bench.Measurement;
using Scim.Bench.Payloads;

namespace Scim.Bench.Scenarios;

/// <summary>POST of new Entra-shaped users at the configured concurrency (32 in the target).</summary>
internal static class PostUsersScenario
{
    public static async Task RunAsync(BenchContext context)
    {
        var recorder = new LatencyRecorder(ScenarioNames.PostUsers, static status => status == 201);
        var warmupRun = context.RunId + "w";
        await ReadScenarios.WarmUpAsync(context, (i, ct) => context.Client.PostAsync("/Users", EntraPayloads.User(warmupRun, i, null), ct))
            .ConfigureAwait(false);
        var run = context.RunId + "p";
        await LoadLoop.RunAsync(context.Options.Concurrency, ReadScenarios.TimedBounds(context.Options), recorder,
            (i, ct) => context.Client.PostAsync("/Users", EntraPayloads.User(run, i, null), ct), context.Cancellation)
            .ConfigureAwait(false);
        context.Report.Add(recorder.ToResult([$"new users, concurrency {context.Options.Concurrency}; 201 acknowledges a committed write"]));
    }
}
