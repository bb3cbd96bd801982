using Scim.Bench.Http;
using Scim.Bench.Measurement;
using Scim.Bench.Payloads;

namespace Scim.Bench.Scenarios;

/// <summary>
/// Mixed steady load for a duration: 70% <c>userName eq</c> filters over seeded users, 20% PATCH (half a
/// title/department replace on a user, half one new member to one of 16 groups), 10% POST of new users; paced
/// at --rate when given. With --server-pid the server's peak resident memory is sampled throughout.
/// </summary>
internal static class SoakScenario
{
    private const int Groups = 16;

    public static async Task RunAsync(BenchContext context)
    {
        var options = context.Options;
        if (!await context.EnsureUsersAsync(options.EffectiveSoakUsers).ConfigureAwait(false))
        {
            context.Report.Add(ScenarioResult.Aborted(ScenarioNames.Soak, "seeding failed; nothing to soak over"));
            return;
        }

        var groups = await PatchMembersScenario.CreateGroupsAsync(context, "soak", Groups).ConfigureAwait(false);
        if (groups is null)
        {
            return;
        }

        var run = context.RunId + "k";
        var memberPosition = (long)context.SeededCount;
        var filters = new LatencyRecorder("soak filter");
        var patches = new LatencyRecorder("soak patch", static status => status == 204 || status == 200);
        var posts = new LatencyRecorder("soak post", static status => status == 201);
        var recorder = new LatencyRecorder(ScenarioNames.Soak, static status => status is >= 200 and < 300);
        await using var rss = options.ServerPid is { } pid ? new RssSampler(pid) : null;

        var bounds = new LoopBounds(options.MaxRequests, options.EffectiveSoakDuration, options.Rate);
        Console.WriteLine($"-- soak for {options.EffectiveSoakDuration} at {(options.Rate > 0 ? $"{options.Rate:N0} req/s" : "max rate")}, concurrency {options.Concurrency}");
        await LoadLoop.RunAsync(options.Concurrency, bounds, recorder, async (i, ct) =>
        {
            var slot = (int)(i * 37 % 100);
            ScimResponse response;
            if (slot < 70)
            {
                var user = context.RandomSeededUser();
                response = await context.Client.GetAsync(EntraPayloads.EqualsFilterQuery("Users", "userName", user.UserName), ct)
                    .ConfigureAwait(false);
                filters.Record(response);
                if (response.IsSuccess && ListResponseProbe.Read(response.Body).TotalResults != 1)
                {
                    recorder.RecordCheckFailure($"userName eq \"{user.UserName}\" did not find exactly one user");
                }
            }
            else if (slot < 90)
            {
                response = slot % 2 == 0
                    ? await context.Client.PatchAsync($"/Users/{context.RandomSeededUser().Id}", EntraPayloads.ReplaceTitleAndDepartment(i), ct)
                        .ConfigureAwait(false)
                    : await context.Client.PatchAsync(
                        $"/Groups/{groups[i % Groups]}",
                        EntraPayloads.AddMembers([context.MemberIdAt(Interlocked.Increment(ref memberPosition))]),
                        ct).ConfigureAwait(false);
                patches.Record(response);
            }
            else
            {
                response = await context.Client.PostAsync("/Users", EntraPayloads.User(run, i, null), ct).ConfigureAwait(false);
                posts.Record(response);
            }

            return response;
        }, context.Cancellation).ConfigureAwait(false);

        var notes = new List<string>
        {
            $"{(options.Rate > 0 ? $"target {options.Rate:N0} req/s" : "max rate")}, {context.SeededCount:N0} seeded users (plus those of earlier scenarios), concurrency {options.Concurrency}",
            Mix("filter", filters),
            Mix("PATCH", patches),
            Mix("POST", posts),
        };
        var metrics = new Dictionary<string, double>();
        if (rss is not null)
        {
            notes.Add($"server RSS: peak sampled {rss.PeakRssMb:N0} MB, VmHWM {rss.HighWaterMarkMb:N0} MB");
            metrics["peakRssMb"] = rss.PeakRssMb;
            metrics["vmHwmMb"] = rss.HighWaterMarkMb;
        }

        context.Report.Add(recorder.ToResult(notes, metrics));
    }

    private static string Mix(string what, LatencyRecorder recorder)
    {
        var r = recorder.ToResult();
        return $"{what}: {r.Requests:N0} requests, p50 {r.P50Ms:N2} / p99 {r.P99Ms:N2} / max {r.MaxMs:N2} ms, {r.Errors} errors";
    }
}
