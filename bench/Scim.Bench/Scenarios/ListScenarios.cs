using System.Diagnostics;
using Scim.Bench.Http;
using Scim.Bench.Measurement;

namespace Scim.Bench.Scenarios;

/// <summary>
/// Reading every user page by page, as an application syncing from the service does: by startIndex/count
/// (RFC 7644 §3.4.2.4) and by cursor (RFC 9865). One request at a time; each row reports the total time and the
/// slowest page.
/// </summary>
internal static class ListScenarios
{
    private const int PageSize = 100;

    public static async Task ByIndexAsync(BenchContext context)
    {
        if (!await context.EnsureUsersAsync(context.Options.Users).ConfigureAwait(false))
        {
            context.Report.Add(ScenarioResult.Aborted(ScenarioNames.ListIndex, "seeding failed; nothing to list"));
            return;
        }

        var recorder = new LatencyRecorder(ScenarioNames.ListIndex);
        var slowest = new SlowestPage();
        long? total = null;
        long listed = 0;
        var started = Stopwatch.GetTimestamp();
        recorder.Start();
        for (long startIndex = 1; !context.Cancellation.IsCancellationRequested; startIndex += PageSize)
        {
            if ((total is { } known && startIndex > known) || startIndex / PageSize >= context.Options.MaxRequests
                || Stopwatch.GetElapsedTime(started) > context.Options.PhaseTimeout)
            {
                break;
            }

            var response = await context.Client.GetAsync($"/Users?startIndex={startIndex}&count={PageSize}", context.Cancellation)
                .ConfigureAwait(false);
            recorder.Record(response);
            if (!response.IsSuccess)
            {
                break;
            }

            var page = ListResponseProbe.Read(response.Body);
            total ??= page.TotalResults;
            listed += page.Resources;
            slowest.Observe(response.Elapsed, $"startIndex={startIndex}");
            if (page.Resources == 0)
            {
                break;
            }
        }

        recorder.Stop();
        Complete(context, recorder, total, listed, slowest, "startIndex/count=100");
    }

    public static async Task ByCursorAsync(BenchContext context)
    {
        if (!await context.EnsureUsersAsync(context.Options.Users).ConfigureAwait(false))
        {
            context.Report.Add(ScenarioResult.Aborted(ScenarioNames.ListCursor, "seeding failed; nothing to list"));
            return;
        }

        // RFC 9865 §3: an empty cursor asks for the first page; the answer names the next one in nextCursor.
        var probe = await context.Client.GetAsync($"/Users?cursor=&count={PageSize}", context.Cancellation).ConfigureAwait(false);
        if (!probe.IsSuccess)
        {
            context.Report.Add(ScenarioResult.NotSupported(ScenarioNames.ListCursor, $"the first cursor request was answered {probe.Describe()}"));
            return;
        }

        var first = ListResponseProbe.Read(probe.Body);
        if (first.NextCursor is null && first.TotalResults > first.Resources)
        {
            context.Report.Add(ScenarioResult.NotSupported(ScenarioNames.ListCursor,
                $"the first page holds {first.Resources} of {first.TotalResults} results and no nextCursor"));
            return;
        }

        var recorder = new LatencyRecorder(ScenarioNames.ListCursor);
        var slowest = new SlowestPage();
        long listed = 0;
        var cursor = "";
        var started = Stopwatch.GetTimestamp();
        recorder.Start();
        // Bounded by pages as well as time: a server that loops on one cursor must not keep the benchmark going.
        var maxPages = (first.TotalResults ?? context.SeededCount) / PageSize + 2;
        for (var pages = 0L; pages < maxPages && !context.Cancellation.IsCancellationRequested; pages++)
        {
            if (Stopwatch.GetElapsedTime(started) > context.Options.PhaseTimeout)
            {
                break;
            }

            var response = await context.Client.GetAsync(
                $"/Users?cursor={Uri.EscapeDataString(cursor)}&count={PageSize}", context.Cancellation).ConfigureAwait(false);
            recorder.Record(response);
            if (!response.IsSuccess)
            {
                break;
            }

            var page = ListResponseProbe.Read(response.Body);
            listed += page.Resources;
            slowest.Observe(response.Elapsed, $"page {pages + 1}");
            if (page.NextCursor is null)
            {
                break;
            }

            cursor = page.NextCursor;
        }

        recorder.Stop();
        Complete(context, recorder, first.TotalResults, listed, slowest, "cursor/count=100");
    }

    private static void Complete(
        BenchContext context, LatencyRecorder recorder, long? total, long listed, SlowestPage slowest, string how)
    {
        if (total is { } expected && listed != expected && recorder.Errors == 0)
        {
            recorder.RecordCheckFailure($"listed {listed} users but totalResults was {expected}");
        }

        var result = recorder.ToResult();
        context.Report.Add(result with
        {
            Notes =
            [
                $"{listed:N0} users by {how} in {result.Elapsed.TotalSeconds:N2} s; slowest page {slowest.Milliseconds:N2} ms ({slowest.Where})",
                .. result.Notes,
            ],
            Metrics = new Dictionary<string, double>
            {
                ["users"] = listed,
                ["totalSeconds"] = result.Elapsed.TotalSeconds,
                ["slowestPageMs"] = slowest.Milliseconds,
            },
        });
    }

    private sealed class SlowestPage
    {
        public double Milliseconds { get; private set; }

        public string Where { get; private set; } = "none";

        public void Observe(TimeSpan elapsed, string where)
        {
            if (elapsed.TotalMilliseconds > Milliseconds)
            {
                Milliseconds = elapsed.TotalMilliseconds;
                Where = where;
            }
        }
    }
}
