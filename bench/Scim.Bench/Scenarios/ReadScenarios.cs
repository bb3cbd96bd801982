using Scim.Bench.Http;
using Scim.Bench.Measurement;
using Scim.Bench.Payloads;

namespace Scim.Bench.Scenarios;

/// <summary>GET by id and the two equality filters an IdP sends before every create, over random seeded users.</summary>
internal static class ReadScenarios
{
    public static async Task GetByIdAsync(BenchContext context)
    {
        if (!await context.EnsureUsersAsync(context.Options.Users).ConfigureAwait(false))
        {
            context.Report.Add(ScenarioResult.Aborted(ScenarioNames.GetById, "seeding failed; nothing to read"));
            return;
        }

        var recorder = new LatencyRecorder(ScenarioNames.GetById);
        await LoadLoop.RunAsync(context.Options.Concurrency, TimedBounds(context.Options), recorder,
            (_, ct) => context.Client.GetAsync($"/Users/{context.RandomSeededUser().Id}", ct), context.Cancellation)
            .ConfigureAwait(false);
        context.Report.Add(recorder.ToResult([$"random ids among {context.SeededCount:N0} seeded users, concurrency {context.Options.Concurrency}"]));
    }

    public static Task FilterUserNameAsync(BenchContext context) =>
        FilterAsync(context, ScenarioNames.FilterUserName, "userName", static user => user.UserName);

    public static Task FilterExternalIdAsync(BenchContext context) =>
        FilterAsync(context, ScenarioNames.FilterExternalId, "externalId", static user => user.ExternalId);

    public static LoopBounds TimedBounds(BenchOptions options) => new(options.MaxRequests, options.Duration);

    private static async Task FilterAsync(BenchContext context, string name, string attribute, Func<SeededUser, string> valueOf)
    {
        if (!await context.EnsureUsersAsync(context.Options.Users).ConfigureAwait(false))
        {
            context.Report.Add(ScenarioResult.Aborted(name, "seeding failed; nothing to filter"));
            return;
        }

        var recorder = new LatencyRecorder(name);
        await LoadLoop.RunAsync(context.Options.Concurrency, TimedBounds(context.Options), recorder, async (_, ct) =>
        {
            var user = context.RandomSeededUser();
            var response = await context.Client.GetAsync(EntraPayloads.EqualsFilterQuery("Users", attribute, valueOf(user)), ct)
                .ConfigureAwait(false);
            if (response.IsSuccess && ListResponseProbe.Read(response.Body).TotalResults != 1)
            {
                recorder.RecordCheckFailure($"{attribute} eq \"{valueOf(user)}\" did not find exactly one user");
            }

            return response;
        }, context.Cancellation).ConfigureAwait(false);
        context.Report.Add(recorder.ToResult(
            [$"{attribute} eq over {context.SeededCount:N0} seeded users, concurrency {context.Options.Concurrency}"]));
    }
}
