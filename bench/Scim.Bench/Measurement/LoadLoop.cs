using System.Diagnostics;
using Scim.Bench.Http;

namespace Scim.Bench.Measurement;

/// <summary>How far one loop may go: it stops at whichever bound comes first. A rate above 0 paces the requests.</summary>
internal sealed record LoopBounds(long MaxRequests, TimeSpan MaxDuration, double Rate = 0);

/// <summary>
/// Runs a closed loop of workers, each taking the next request index until the count or the time is used up.
/// When paced, request i is due at start + i/rate and its latency is measured from when it was due, not from
/// when it was sent, so a server that falls behind shows in the percentiles (no coordinated omission).
/// A loop whose errors pass 100 and 10% of its requests stops early: its figures would mean nothing.
/// </summary>
internal static class LoadLoop
{
    private const long ErrorFloor = 100;

    public static async Task RunAsync(
        int concurrency,
        LoopBounds bounds,
        LatencyRecorder recorder,
        Func<long, CancellationToken, Task<ScimResponse>> send,
        CancellationToken cancellationToken)
    {
        var next = -1L;
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(bounds.MaxDuration.TotalSeconds * Stopwatch.Frequency);
        var ticksPerRequest = bounds.Rate > 0 ? Stopwatch.Frequency / bounds.Rate : 0;
        recorder.Start();

        async Task WorkerAsync()
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var index = Interlocked.Increment(ref next);
                if (index >= bounds.MaxRequests || Stopwatch.GetTimestamp() >= deadline || TooManyErrors(recorder))
                {
                    return;
                }

                var due = Stopwatch.GetTimestamp();
                if (ticksPerRequest > 0)
                {
                    due = start + (long)(index * ticksPerRequest);
                    if (due >= deadline)
                    {
                        return;
                    }

                    var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                    }
                }

                var response = await send(index, cancellationToken).ConfigureAwait(false);
                recorder.Record(response, ticksPerRequest > 0 ? Stopwatch.GetElapsedTime(due) : response.Elapsed);
            }
        }

        var workers = Enumerable.Range(0, Math.Max(1, concurrency)).Select(_ => Task.Run(WorkerAsync, cancellationToken)).ToList();
        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Interrupted by the user: what was measured so far is still reported.
        }

        recorder.Stop();
    }

    private static bool TooManyErrors(LatencyRecorder recorder)
    {
        var errors = recorder.Errors;
        return errors >= ErrorFloor && errors * 10 >= recorder.Requests;
    }
}
