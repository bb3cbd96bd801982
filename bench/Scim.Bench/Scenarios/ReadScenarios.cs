using Scim.Bench.Http;
using Scim.Bench.Measurement;
using Scim.Bench.Payloads;

namespace Scim.Bench.Scenarios;

/// <summary>GET by id and the two equality filters an IdP sends before every create, over random seeded users.</summary>
internal static class ReadScenarios
{
    /// <summary>
    /// GET /ServiceProviderConfig: authenticated, JSON out, no store. What this machine gives for a request that
    /// does no SCIM work: the ceiling for every other scenario.
    /// </summary>
    public static async Task BaselineAsync(BenchContext context)
    {
        Func<long, CancellationToken, Task<ScimResponse>> send = (_, ct) => context.Client.GetAsync("/ServiceProviderConfig", ct);
        await WarmUpAsync(context, send).ConfigureAwait(false);
        var recorder = new LatencyRecorder(ScenarioNames.Baseline);
        await LoadLoop.RunAsync(context.Options.Concurrency, TimedBounds(context.Options), recorder, send, context.Cancellation)
            .ConfigureAwait(false);
        context.Report.Add(recorder.ToResult(
            [$"GET /ServiceProviderConfig (authenticated, no store), concurrency {context.Options.Concurrency}: the ceiling of this machine"]));
    }

    public static async Task GetByIdAsync(BenchContext context)
    {
        if (!await context.EnsureUsersAsync(context.Options.Users).ConfigureAwait(false))
        {
            context.Report.Add(ScenarioResult.Aborted(ScenarioNames.GetById, "seeding failed; nothing to read"));
            return;
        }

        Func<long, CancellationToken, Task<ScimResponse>> send = (_, ct) => context.Client.GetAsync($"/Users/{context.RandomSeededUser().Id}", ct);
        await WarmUpAsync(context, send).ConfigureAwait(false);
        var recorder = new LatencyRecorder(ScenarioNames.GetById);
        await LoadLoop.RunAsync(context.Options.Concurrency, TimedBounds(context.Options), recorder, send, context.Cancellation)
            .ConfigureAwait(false);
        context.Report.Add(recorder.ToResult([$"random ids among {context.SeededCount:N0} seeded users, concurrency {context.Options.Concurrency}"]));
    }

    public static Task FilterUserNameAsync(BenchContext context) =>
        FilterAsync(context, ScenarioNames.FilterUserName, "userName", static user => user.UserName);

    public static Task FilterExternalIdAsync(BenchContext context) =>
        FilterAsync(context, ScenarioNames.FilterExternalId, "externalId", static user => user.ExternalId);

    /// <summary>
    /// Sends the scenario's requests for --warmup (or <paramref name="atLeast"/> when longer; none when --warmup is 0)
    /// without recording them, so the JIT has tiered up.
    /// </summary>
    public static async Task WarmUpAsync(BenchContext context, Func<long, CancellationToken, Task<ScimResponse>> send, TimeSpan? atLeast = null)
    {
        if (context.Options.Warmup > TimeSpan.Zero)
        {
            var duration = atLeast > context.Options.Warmup ? atLeast.Value : context.Options.Warmup;
            await LoadLoop.RunAsync(context.Options.Concurrency, new LoopBounds(context.Options.MaxRequests, duration),
                new LatencyRecorder("warm-up"), send, context.Cancellation).ConfigureAwait(false);
        }
    }

    public static LoopBounds TimedBounds(BenchOptions options) => new(options.MaxRequests, options.Duration);

    private static async Task FilterAsync(BenchContext context, string name, string attribute, Func<SeededUser, string> valueOf)
    {
        if (!await context.EnsureUsersAsync(context.Options.Users).ConfigureAwait(false))
        {
            context.Report.Add(ScenarioResult.Aborted(name, "seeding failed; nothing to filter"));
            return;
        }

        var recorder = new LatencyRecorder(name);
        async Task<ScimResponse> SendAsync(long index, CancellationToken ct)
        {
            var user = context.RandomSeededUser();
            var response = await context.Client.GetAsync(EntraPayloads.EqualsFilterQuery("Users", attribute, valueOf(user)), ct)
                .ConfigureAwait(false);
            if (response.IsSuccess && ListResponseProbe.Read(response.Body).TotalResults != 1)
            {
                recorder.RecordCheckFailure($"{attribute} eq \"{valueOf(user)}\" did not find exactly one user");
            }

            return response;
        }

        await WarmUpAsync(context, SendAsync).ConfigureAwait(false);
        await LoadLoop.RunAsync(context.Options.Concurrency, TimedBounds(context.Options), recorder, SendAsync, context.Cancellation)
            .ConfigureAwait(false);
        context.Report.Add(recorder.ToResult(
            [$"{attribute} eq over {context.SeededCount:N0} seeded users, concurrency {context.Options.Concurrency}"]));
    }
}
