using Scim.Bench.Measurement;
using Scim.Bench.Payloads;

namespace Scim.Bench.Scenarios;

/// <summary>
/// POST of new users that each carry a password, at 64 concurrent requests: each costs one Argon2id hash (19 MiB, a
/// core for tens of milliseconds), so the rate is the hashing rate, and the server's resident memory must stay under
/// the pod limit (512 MiB in k8s/base) however many requests wait.
/// </summary>
internal static class PostUsersWithPasswordsScenario
{
    private const int Concurrency = 64;

    public static async Task RunAsync(BenchContext context)
    {
        var recorder = new LatencyRecorder(ScenarioNames.PostUsersWithPasswords, static status => status == 201);
        await using var rss = context.Options.ServerPid is { } pid ? new RssSampler(pid) : null;
        var run = context.RunId + "h";
        await LoadLoop.RunAsync(Concurrency, ReadScenarios.TimedBounds(context.Options), recorder,
            (i, ct) => context.Client.PostAsync("/Users", EntraPayloads.UserWithPassword(run, i), ct), context.Cancellation)
            .ConfigureAwait(false);
        var notes = new List<string> { $"new users with a password, concurrency {Concurrency}: the rate is the password hashing rate" };
        var metrics = new Dictionary<string, double>();
        if (rss is not null)
        {
            notes.Add($"server RSS: peak sampled {rss.PeakRssMb:N0} MB, VmHWM {rss.HighWaterMarkMb:N0} MB");
            metrics["peakRssMb"] = rss.PeakRssMb;
        }

        context.Report.Add(recorder.ToResult(notes, metrics));
    }
}
