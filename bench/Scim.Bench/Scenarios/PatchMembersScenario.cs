using Scim.Bench.Measurement;
using Scim.Bench.Payloads;

namespace Scim.Bench.Scenarios;

/// <summary>
/// PATCH adding B members per request (Okta sends 100–1,000). Each request adds B seeded users that its group
/// does not hold yet; requests rotate over enough groups that no group needs more members than were seeded,
/// and at least one group per worker so concurrent PATCHes seldom race on one group's version.
/// </summary>
internal static class PatchMembersScenario
{
    public static async Task RunAsync(BenchContext context, string name, int batch)
    {
        var options = context.Options;
        if (!await context.EnsureUsersAsync(Math.Max(options.Users, batch)).ConfigureAwait(false))
        {
            context.Report.Add(ScenarioResult.Aborted(name, "seeding failed; no members to add"));
            return;
        }

        var requests = options.PatchRequests;
        var roundsPerGroup = Math.Max(1, context.SeededCount / batch);
        var groupCount = Math.Max(options.Concurrency, (requests + roundsPerGroup - 1) / roundsPerGroup);
        Console.WriteLine($"-- {name}: creating {groupCount} groups for {requests} PATCHes of {batch} members");
        var groups = await CreateGroupsAsync(context, name, groupCount).ConfigureAwait(false);
        if (groups is null)
        {
            return;
        }

        var recorder = new LatencyRecorder(name, static status => status == 204 || status == 200);
        await LoadLoop.RunAsync(options.Concurrency, new LoopBounds(requests, options.Duration), recorder, (i, ct) =>
        {
            var group = groups[(int)(i % groupCount)];
            var round = i / groupCount;
            var body = EntraPayloads.AddMembers(context.MemberIds(round * batch, batch));
            return context.Client.PatchAsync($"/Groups/{group}", body, ct);
        }, context.Cancellation).ConfigureAwait(false);
        var planned = recorder.Requests < requests ? $" (stopped by --duration before the {requests} planned)" : "";
        var membersPerSecond = recorder.Requests * batch / Math.Max(0.001, recorder.ToResult().Elapsed.TotalSeconds);
        context.Report.Add(recorder.ToResult(
            [$"{batch} new members per PATCH over {groupCount} groups, concurrency {options.Concurrency}{planned}; {membersPerSecond:N0} members/s"],
            new Dictionary<string, double> { ["membersPerSecond"] = membersPerSecond }));
    }

    /// <summary>Creates empty groups one after another; reports a failed scenario and returns null when one fails.</summary>
    public static async Task<string[]?> CreateGroupsAsync(BenchContext context, string purpose, int count)
    {
        var ids = new string[count];
        for (var i = 0; i < count; i++)
        {
            var (id, response) = await context.CreateGroupAsync(purpose, i).ConfigureAwait(false);
            if (id is null)
            {
                context.Report.Add(ScenarioResult.Aborted(purpose, $"creating group {i} failed: {response.Describe()}"));
                return null;
            }

            ids[i] = id;
        }

        return ids;
    }
}
