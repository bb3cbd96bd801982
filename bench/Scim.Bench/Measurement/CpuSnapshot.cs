using System.Diagnostics;
using System.Globalization;

namespace Scim.Bench.Measurement;

/// <summary>
/// CPU time used so far by the server (from <c>/proc/PID/stat</c>), by this load generator, and by the whole
/// machine (from <c>/proc/stat</c>). The difference of two snapshots says where the cores went during a
/// scenario: to the server, to the load generator, or to other processes that would distort the figures.
/// </summary>
internal readonly record struct CpuSnapshot(long Timestamp, double? ServerSeconds, double BenchSeconds, double? MachineBusySeconds)
{
    // USER_HZ, the unit of /proc CPU times, is 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100.0;

    /// <summary>The server process whose CPU is sampled, when --server-pid was given.</summary>
    public static int? ServerPid { get; set; }

    public static CpuSnapshot Take() => new(
        Stopwatch.GetTimestamp(),
        ServerPid is { } pid ? ProcessSeconds(pid) : null,
        Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds,
        MachineBusy());

    /// <summary>Cores used on average between two snapshots, and the server's CPU milliseconds per request.</summary>
    public static string Describe(CpuSnapshot from, CpuSnapshot to, long requests)
    {
        var wall = Stopwatch.GetElapsedTime(from.Timestamp, to.Timestamp).TotalSeconds;
        if (wall <= 0)
        {
            return "no CPU sample";
        }

        var bench = (to.BenchSeconds - from.BenchSeconds) / wall;
        var parts = new List<string>();
        double? server = null;
        if (to.ServerSeconds is { } serverTo && from.ServerSeconds is { } serverFrom)
        {
            server = (serverTo - serverFrom) / wall;
            var perRequest = requests > 0 ? (serverTo - serverFrom) * 1000 / requests : 0;
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"server {server:N2} cores ({perRequest:N3} CPU ms/request)"));
        }

        parts.Add(string.Create(CultureInfo.InvariantCulture, $"load generator {bench:N2} cores"));
        if (to.MachineBusySeconds is { } busyTo && from.MachineBusySeconds is { } busyFrom)
        {
            var machine = (busyTo - busyFrom) / wall;
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"machine {machine:N2} of {Environment.ProcessorCount} cores busy"));
            if (server is { } s)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"other processes {Math.Max(0, machine - s - bench):N2} cores"));
            }
        }

        return "CPU: " + string.Join(", ", parts);
    }

    private static double? ProcessSeconds(int pid)
    {
        try
        {
            // Fields after the parenthesized command name; utime and stime are fields 14 and 15 of the line.
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
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

    private static double? MachineBusy()
    {
        try
        {
            using var reader = new StreamReader("/proc/stat");
            var fields = reader.ReadLine()!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // cpu user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
            long busy = 0;
            for (var i = 1; i <= 8 && i < fields.Length; i++)
            {
                if (i is not 4 and not 5)
                {
                    busy += long.Parse(fields[i], CultureInfo.InvariantCulture);
                }
            }

            return busy / TicksPerSecond;
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
}
