using Scim.Bench.Http;
using Scim.Bench.Measurement;

namespace Scim.Bench.Scenarios;

/// <summary>
/// The operator console's pages with the seeded users in the bench tenant (100,000 at the issue's sizes): signed in
/// with the admin token, each page is loaded --console-requests times, one at a time as an operator would, after a
/// few unrecorded loads. Each page is its own row, and its p95 is held against the issue's 200 ms. The provisioning
/// log holds what the run sent so far (up to its bound per tenant).
/// </summary>
internal static class ConsolePagesScenario
{
    public const double TargetMilliseconds = 200;

    public static async Task RunAsync(BenchContext context)
    {
        if (context.Options.AdminToken is not { } adminToken)
        {
            context.Report.Add(ScenarioResult.NotSupported(ScenarioNames.ConsolePages,
                "no admin token: pass --admin-token (bench/run-all.sh --console mints one and turns the console on)"));
            return;
        }

        if (!await context.EnsureUsersAsync(context.Options.Users).ConfigureAwait(false))
        {
            context.Report.Add(ScenarioResult.Aborted(ScenarioNames.ConsolePages, "seeding failed; nothing to show"));
            return;
        }

        var tenant = context.Options.Tenant;
        var user = context.RandomSeededUser();
        var group = await CreateGroupAsync(context).ConfigureAwait(false);
        using var console = new ConsoleClient(context.Options.BaseUrl);
        await console.SignInAsync(adminToken, context.Cancellation).ConfigureAwait(false);

        var pages = new (string Name, string Path)[]
        {
            ("overview", "/console"),
            ("users, first page", $"/console/tenants/{tenant}/users"),
            ("users, userName eq", $"/console/tenants/{tenant}/users?filter={Uri.EscapeDataString($"userName eq \"{user.UserName}\"")}"),
            ("users, userName sw", $"/console/tenants/{tenant}/users?filter={Uri.EscapeDataString($"userName sw \"{context.RunId}\"")}"),
            ("users, page 1,000", $"/console/tenants/{tenant}/users?start={Math.Max(1, Math.Min(context.SeededCount - 25, 25_000))}"),
            ("user", $"/console/tenants/{tenant}/users/{user.Id}"),
            ("group of 100 members", $"/console/tenants/{tenant}/groups/{group}"),
            ("provisioning log", $"/console/tenants/{tenant}/log"),
            ("provisioning log, 4xx", $"/console/tenants/{tenant}/log?status=4xx"),
            ("deleted", $"/console/tenants/{tenant}/deleted"),
            ("change events", $"/console/tenants/{tenant}/events"),
        };
        foreach (var (name, path) in pages)
        {
            await MeasureAsync(context, console, name, path).ConfigureAwait(false);
        }
    }

    private static async Task MeasureAsync(BenchContext context, ConsoleClient console, string name, string path)
    {
        for (var i = 0; i < 5; i++)
        {
            await console.GetAsync(path, context.Cancellation).ConfigureAwait(false);
        }

        var recorder = new LatencyRecorder($"{ScenarioNames.ConsolePages}: {name}");
        recorder.Start();
        for (var i = 0; i < context.Options.ConsoleRequests && !context.Cancellation.IsCancellationRequested; i++)
        {
            recorder.Record(await console.GetAsync(path, context.Cancellation).ConfigureAwait(false));
        }

        recorder.Stop();
        var result = recorder.ToResult([$"GET {path.Split('?')[0]}, one at a time, {context.SeededCount:N0} users in the tenant"]);
        context.Report.Add(result.P95Ms > TargetMilliseconds
            ? result with { Outcome = ScenarioOutcome.Failed, Notes = [.. result.Notes, $"p95 above the {TargetMilliseconds} ms target"] }
            : result);
    }

    // A group holding the first 100 seeded users, as a page with members to list.
    private static async Task<string> CreateGroupAsync(BenchContext context)
    {
        var members = string.Join(",", context.MemberIds(0, Math.Min(100, context.SeededCount)).Select(id => $"{{\"value\":\"{id}\"}}"));
        var response = await context.Client.PostAsync("/Groups",
            $"{{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"{context.RunId}-console\",\"members\":[{members}]}}",
            context.Cancellation).ConfigureAwait(false);
        return response.IsSuccess
            ? response.StringProperty("id")!
            : throw new InvalidOperationException($"the console's group could not be created: {response.Describe()}");
    }
}
