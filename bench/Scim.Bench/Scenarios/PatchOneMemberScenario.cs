using System.Globalization;
using Scim.Bench.Measurement;
using Scim.Bench.Payloads;

namespace Scim.Bench.Scenarios;

/// <summary>
/// Whether the cost of a membership change grows with the group. For each size S: a group is filled to S
/// members by PATCHes of 1,000 (recorded as their own row, whose first and last tenth give the +1,000 ratio
/// between an empty and a full group), then single-member PATCHes are sent one at a time, as an IdP sends the
/// changes of one group in order. The rows of the sizes are compared by their p99 and mean.
/// </summary>
internal static class PatchOneMemberScenario
{
    private const int FillBatch = 1_000;

    public static async Task RunAsync(BenchContext context)
    {
        var options = context.Options;
        if (!await context.EnsureUsersAsync(options.Users).ConfigureAwait(false))
        {
            context.Report.Add(ScenarioResult.Aborted(ScenarioNames.PatchOneMember, "seeding failed; no members to add"));
            return;
        }

        var bySize = new List<(int Size, ScenarioResult Result)>();
        for (var s = 0; s < options.GroupSizes.Count; s++)
        {
            var size = options.GroupSizes[s];
            var (id, created) = await context.CreateGroupAsync("one-member", s).ConfigureAwait(false);
            if (id is null)
            {
                context.Report.Add(ScenarioResult.Aborted(ScenarioNames.PatchOneMember, $"creating the group failed: {created.Describe()}"));
                return;
            }

            if (size > 0 && !await FillAsync(context, id, size).ConfigureAwait(false))
            {
                return;
            }

            var name = $"{ScenarioNames.PatchOneMember} @{size.ToString("N0", CultureInfo.InvariantCulture)}";
            var recorder = new LatencyRecorder(name, static status => status == 204 || status == 200);
            await LoadLoop.RunAsync(1, new LoopBounds(options.OneMemberRequests, options.Duration), recorder,
                (i, ct) => context.Client.PatchAsync($"/Groups/{id}", EntraPayloads.AddMembers([context.MemberIdAt(size + i)]), ct),
                context.Cancellation).ConfigureAwait(false);
            bySize.Add((size, recorder.ToResult([$"1 new member per PATCH to a group holding {size:N0}, one request at a time"])));
        }

        foreach (var result in WithRatio(bySize))
        {
            context.Report.Add(result);
        }
    }

    private static async Task<bool> FillAsync(BenchContext context, string groupId, int size)
    {
        var name = $"fill group to {size.ToString("N0", CultureInfo.InvariantCulture)} (PATCH +{FillBatch:N0})";
        var batches = (size + FillBatch - 1) / FillBatch;
        var recorder = new LatencyRecorder(name, static status => status == 204 || status == 200);
        var firstTenth = new LatencyRecorder("first tenth");
        var lastTenth = new LatencyRecorder("last tenth");
        var tenth = Math.Max(1, batches / 10);
        await LoadLoop.RunAsync(1, new LoopBounds(batches, context.Options.PhaseTimeout), recorder, async (i, ct) =>
        {
            var count = (int)Math.Min(FillBatch, size - (i * FillBatch));
            var response = await context.Client.PatchAsync(
                $"/Groups/{groupId}", EntraPayloads.AddMembers(context.MemberIds(i * FillBatch, count)), ct).ConfigureAwait(false);
            if (i < tenth)
            {
                firstTenth.Record(response);
            }
            else if (i >= batches - tenth)
            {
                lastTenth.Record(response);
            }

            return response;
        }, context.Cancellation).ConfigureAwait(false);

        var first = firstTenth.ToResult();
        var last = lastTenth.ToResult();
        var notes = new List<string> { $"{batches} PATCHes of up to {FillBatch:N0} members, one at a time" };
        var metrics = new Dictionary<string, double>();
        if (batches >= 2 && first.Requests > 0 && last.Requests > 0)
        {
            var ratio = last.P99Ms / Math.Max(0.001, first.P99Ms);
            notes.Add($"p99 of the first {tenth} (group near 0) {first.P99Ms:N2} ms, of the last {tenth} (group near {size:N0}) {last.P99Ms:N2} ms: ratio {ratio:N2}");
            metrics["firstTenthP99Ms"] = first.P99Ms;
            metrics["lastTenthP99Ms"] = last.P99Ms;
            metrics["ratio"] = ratio;
        }

        var result = recorder.ToResult(notes, metrics);
        context.Report.Add(result);
        return result.Outcome == ScenarioOutcome.Passed && result.Requests == batches;
    }

    // The row of the largest group carries its ratio to the smallest: the cost must not grow with the group.
    private static IEnumerable<ScenarioResult> WithRatio(List<(int Size, ScenarioResult Result)> bySize)
    {
        var smallest = bySize.MinBy(r => r.Size);
        var largest = bySize.MaxBy(r => r.Size);
        foreach (var (size, result) in bySize)
        {
            if (bySize.Count < 2 || size != largest.Size || result.Requests == 0 || smallest.Result.Requests == 0)
            {
                yield return result;
                continue;
            }

            var p99Ratio = result.P99Ms / Math.Max(0.001, smallest.Result.P99Ms);
            var p50Ratio = result.P50Ms / Math.Max(0.001, smallest.Result.P50Ms);
            yield return result with
            {
                Notes = [.. result.Notes, $"ratio to the group of {smallest.Size:N0}: p50 {p50Ratio:N2}, p99 {p99Ratio:N2}"],
                Metrics = new Dictionary<string, double>(result.Metrics) { ["p50Ratio"] = p50Ratio, ["p99Ratio"] = p99Ratio },
            };
        }
    }
}
