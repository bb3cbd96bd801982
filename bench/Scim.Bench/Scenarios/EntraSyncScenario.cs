using System.Diagnostics;
using Scim.Bench.Http;
using Scim.Bench.Measurement;
using Scim.Bench.Payloads;

namespace Scim.Bench.Scenarios;

/// <summary>
/// An Entra ID initial cycle: for each user a <c>userName eq</c> filter that finds nothing, then the POST; then
/// the groups, created empty; then their members by PATCH in batches. Every request of the three phases is in
/// one histogram; the figure that matters is users per second from the first request to the last.
/// </summary>
internal static class EntraSyncScenario
{
    public static async Task RunAsync(BenchContext context)
    {
        var options = context.Options;
        var users = options.EffectiveSyncUsers;
        var run = context.RunId + "s";
        var ids = new string?[users];
        var recorder = new LatencyRecorder(ScenarioNames.EntraSync, static status => status is >= 200 and < 300);
        var started = Stopwatch.GetTimestamp();

        Console.WriteLine($"-- {ScenarioNames.EntraSync}: {users:N0} users (filter then POST), {options.Groups} groups, members by {options.SyncBatch}");
        var userPhase = new LatencyRecorder("users");
        await LoadLoop.RunAsync(options.Concurrency, new LoopBounds(users, options.PhaseTimeout), userPhase, async (i, ct) =>
        {
            var userName = EntraPayloads.UserName(run, i);
            var lookup = await context.Client.GetAsync(EntraPayloads.EqualsFilterQuery("Users", "userName", userName), ct).ConfigureAwait(false);
            recorder.Record(lookup);
            if (!lookup.IsSuccess)
            {
                return lookup;
            }

            if (ListResponseProbe.Read(lookup.Body).TotalResults != 0)
            {
                recorder.RecordCheckFailure($"userName eq \"{userName}\" found a user before it was created");
            }

            var created = await context.Client.PostAsync("/Users", EntraPayloads.User(run, i, null), ct).ConfigureAwait(false);
            recorder.Record(created);
            if (created.Status == 201)
            {
                ids[i] = created.StringProperty("id");
            }

            return created;
        }, context.Cancellation).ConfigureAwait(false);
        var userSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        var groupIds = new string?[options.Groups];
        await LoadLoop.RunAsync(Math.Min(options.Concurrency, options.Groups), new LoopBounds(options.Groups, options.PhaseTimeout),
            new LatencyRecorder("groups"), async (g, ct) =>
            {
                var response = await context.Client.PostAsync("/Groups", EntraPayloads.Group(run, "sync", g), ct).ConfigureAwait(false);
                recorder.Record(response);
                groupIds[g] = response.Status == 201 ? response.StringProperty("id") : null;
                return response;
            }, context.Cancellation).ConfigureAwait(false);
        var groupSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds - userSeconds;

        // User i belongs to group i mod G; job j adds the j/G-th batch of group j mod G, so one group's batches
        // are spread over time rather than racing each other.
        var created = ids.Where(id => id is not null).Select(id => id!).ToArray();
        var perGroup = Enumerable.Range(0, options.Groups).Select(_ => new List<string>()).ToArray();
        for (var i = 0; i < created.Length; i++)
        {
            perGroup[i % options.Groups].Add(created[i]);
        }

        var batchesPerGroup = perGroup.Max(m => (m.Count + options.SyncBatch - 1) / options.SyncBatch);
        var jobs = (long)batchesPerGroup * options.Groups;
        await LoadLoop.RunAsync(options.Concurrency, new LoopBounds(jobs, options.PhaseTimeout), new LatencyRecorder("members"), async (j, ct) =>
        {
            var g = (int)(j % options.Groups);
            var members = perGroup[g];
            var from = (int)(j / options.Groups) * options.SyncBatch;
            if (from >= members.Count || groupIds[g] is not { } groupId)
            {
                return new ScimResponse(204, [], TimeSpan.Zero);
            }

            var response = await context.Client.PatchAsync($"/Groups/{groupId}", EntraPayloads.AddMembers(members.GetRange(from, Math.Min(options.SyncBatch, members.Count - from))), ct).ConfigureAwait(false);
            recorder.Record(response);
            return response;
        }, context.Cancellation).ConfigureAwait(false);

        var total = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var memberSeconds = total - userSeconds - groupSeconds;
        var usersPerSecond = created.Length / total;
        if (created.Length < users)
        {
            recorder.RecordCheckFailure($"{users - created.Length} of {users} users were not created");
        }

        var result = recorder.ToResult(
            [
                $"{created.Length:N0} users in {total:N2} s end to end = {usersPerSecond:N0} users/s "
                + $"(filter+POST {userSeconds:N2} s, {options.Groups} groups {groupSeconds:N2} s, members by {options.SyncBatch} {memberSeconds:N2} s)",
            ],
            new Dictionary<string, double>
            {
                ["usersPerSecond"] = usersPerSecond,
                ["userPhaseSeconds"] = userSeconds,
                ["groupPhaseSeconds"] = groupSeconds,
                ["memberPhaseSeconds"] = memberSeconds,
            });
        context.Report.Add(result with { Elapsed = TimeSpan.FromSeconds(total) });
    }
}
