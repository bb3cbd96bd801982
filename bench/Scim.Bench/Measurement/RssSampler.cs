using System.Globalization;

namespace Scim.Bench.Measurement;

/// <summary>
/// Samples a local process's resident memory from <c>/proc/PID/status</c> every 250 ms: the peak of VmRSS seen,
/// and VmHWM, the kernel's own high-water mark over the process's whole life.
/// </summary>
internal sealed class RssSampler : IAsyncDisposable
{
    private readonly string _statusPath;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peakRssKb;
    private long _hwmKb;

    public RssSampler(int pid)
    {
        _statusPath = $"/proc/{pid}/status";
        _loop = Task.Run(SampleAsync);
    }

    public double PeakRssMb => Interlocked.Read(ref _peakRssKb) / 1024.0;

    public double HighWaterMarkMb => Interlocked.Read(ref _hwmKb) / 1024.0;

    public static (long RssKb, long HwmKb)? Read(string statusPath)
    {
        try
        {
            long rss = 0, hwm = 0;
            foreach (var line in File.ReadLines(statusPath))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kilobytes(line);
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    hwm = Kilobytes(line);
                }
            }

            return (rss, hwm);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        do
        {
            if (Read(_statusPath) is var (rss, hwm))
            {
                Interlocked.Exchange(ref _peakRssKb, Math.Max(Interlocked.Read(ref _peakRssKb), rss));
                Interlocked.Exchange(ref _hwmKb, hwm);
            }
        }
        while (await Tick(timer).ConfigureAwait(false));
    }

    private async Task<bool> Tick(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static long Kilobytes(string line)
    {
        var digits = new string([.. line.Where(char.IsAsciiDigit)]);
        return long.TryParse(digits, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;
    }
}
