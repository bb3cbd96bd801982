namespace Scim.Api.Core.Activity;

/// <summary>
/// Requests counted by status class, the 429s among them, and their durations in the buckets of
/// <see cref="DurationBuckets"/>: what the overview needs for an hour, kept by the minute so that it is exact whatever
/// the size of the log.
/// </summary>
public sealed record RequestCounts(long Success, long Redirect, long ClientError, long ServerError, long Throttled, IReadOnlyList<long> Durations)
{
    public static RequestCounts None { get; } = new(0, 0, 0, 0, 0, new long[DurationBuckets.Count]);

    public long Total => Success + Redirect + ClientError + ServerError;

    public static RequestCounts Of(int status, TimeSpan duration)
    {
        var durations = new long[DurationBuckets.Count];
        durations[DurationBuckets.IndexOf(duration)] = 1;
        return new RequestCounts(
            status is >= 200 and < 300 ? 1 : 0,
            status is >= 300 and < 400 ? 1 : 0,
            status is >= 400 and < 500 ? 1 : 0,
            status >= 500 ? 1 : 0,
            status == 429 ? 1 : 0,
            durations);
    }

    public RequestCounts Add(RequestCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var durations = new long[DurationBuckets.Count];
        for (var i = 0; i < durations.Length; i++)
        {
            durations[i] = Durations[i] + other.Durations[i];
        }

        return new RequestCounts(
            Success + other.Success, Redirect + other.Redirect, ClientError + other.ClientError, ServerError + other.ServerError,
            Throttled + other.Throttled, durations);
    }

    /// <summary>
    /// The duration under which <paramref name="fraction"/> of the requests ended (0.95 for p95), interpolated within
    /// its bucket; null when nothing was counted. Above the last bound it answers the last bound.
    /// </summary>
    public TimeSpan? Percentile(double fraction)
    {
        var total = Durations.Sum();
        if (total == 0)
        {
            return null;
        }

        var rank = fraction * total;
        long below = 0;
        for (var i = 0; i < Durations.Count; i++)
        {
            if (Durations[i] > 0 && below + Durations[i] >= rank)
            {
                var lower = i == 0 ? 0 : DurationBuckets.UpperBoundsMs[i - 1];
                var upper = i < DurationBuckets.UpperBoundsMs.Count ? DurationBuckets.UpperBoundsMs[i] : lower;
                var within = (rank - below) / Durations[i];
                return TimeSpan.FromMilliseconds(lower + ((upper - lower) * within));
            }

            below += Durations[i];
        }

        return TimeSpan.FromMilliseconds(DurationBuckets.UpperBoundsMs[^1]);
    }
}

/// <summary>The duration buckets of <see cref="RequestCounts"/>: upper bounds in milliseconds, and one more above the last.</summary>
public static class DurationBuckets
{
    public static IReadOnlyList<double> UpperBoundsMs { get; } = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];

    public static int Count => UpperBoundsMs.Count + 1;

    public static int IndexOf(TimeSpan duration)
    {
        var ms = duration.TotalMilliseconds;
        for (var i = 0; i < UpperBoundsMs.Count; i++)
        {
            if (ms <= UpperBoundsMs[i])
            {
                return i;
            }
        }

        return UpperBoundsMs.Count;
    }
}
