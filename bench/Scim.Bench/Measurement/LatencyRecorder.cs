using System.Diagnostics;
using HdrHistogram;
using Scim.Bench.Http;

namespace Scim.Bench.Measurement;

/// <summary>
/// Collects one scenario's latencies in an HdrHistogram (microseconds, 3 significant digits, up to 2 minutes)
/// and counts responses by status. A status the scenario does not expect is an error; so is a 2xx whose body
/// breaks the scenario's expectation (<see cref="RecordCheckFailure"/>).
/// </summary>
internal sealed class LatencyRecorder(string name, Func<int, bool>? isExpected = null)
{
    private const int KeptErrorSamples = 5;
    private static readonly long HighestMicroseconds = (long)TimeSpan.FromMinutes(2).TotalMicroseconds;

    private readonly Lock _gate = new();
    private readonly LongHistogram _histogram = new(HighestMicroseconds, 3);
    private readonly Dictionary<int, long> _statuses = [];
    private readonly List<string> _errorSamples = [];
    private readonly Func<int, bool> _isExpected = isExpected ?? (static status => status is >= 200 and < 300);
    private long _errors;
    private long _startedAt = Stopwatch.GetTimestamp();
    private long _stoppedAt;
    private CpuSnapshot _cpuAtStart = CpuSnapshot.Take();
    private CpuSnapshot? _cpuAtStop;

    public string Name { get; } = name;

    public long Requests
    {
        get
        {
            lock (_gate)
            {
                return _histogram.TotalCount;
            }
        }
    }

    public long Errors => Interlocked.Read(ref _errors);

    public void Start()
    {
        _cpuAtStart = CpuSnapshot.Take();
        _startedAt = Stopwatch.GetTimestamp();
    }

    public void Stop()
    {
        _stoppedAt = Stopwatch.GetTimestamp();
        _cpuAtStop = CpuSnapshot.Take();
    }

    public void Record(ScimResponse response) => Record(response, response.Elapsed);

    /// <summary>Records a response with a latency measured by the caller (from its scheduled start when paced).</summary>
    public void Record(ScimResponse response, TimeSpan latency)
    {
        var expected = _isExpected(response.Status);
        lock (_gate)
        {
            _histogram.RecordValue(Math.Clamp((long)latency.TotalMicroseconds, 1, HighestMicroseconds));
            _statuses[response.Status] = _statuses.GetValueOrDefault(response.Status) + 1;
            if (!expected)
            {
                _errors++;
                KeepSample(response.Describe());
            }
        }
    }

    public void RecordCheckFailure(string what)
    {
        lock (_gate)
        {
            _errors++;
            KeepSample(what);
        }
    }

    public ScenarioResult ToResult(IReadOnlyList<string>? notes = null, IReadOnlyDictionary<string, double>? metrics = null)
    {
        lock (_gate)
        {
            var end = _stoppedAt > _startedAt ? _stoppedAt : Stopwatch.GetTimestamp();
            var elapsed = Stopwatch.GetElapsedTime(_startedAt, end);
            var count = _histogram.TotalCount;
            return new ScenarioResult(
                Name,
                count,
                elapsed,
                Milliseconds(count, 50),
                Milliseconds(count, 95),
                Milliseconds(count, 99),
                count == 0 ? 0 : _histogram.GetMaxValue() / 1000.0,
                _errors,
                new Dictionary<int, long>(_statuses),
                [.. _errorSamples],
                [.. notes ?? [], CpuSnapshot.Describe(_cpuAtStart, _cpuAtStop ?? CpuSnapshot.Take(), count)],
                metrics ?? new Dictionary<string, double>(),
                _errors > 0 ? ScenarioOutcome.Failed : ScenarioOutcome.Passed);
        }
    }

    private double Milliseconds(long count, double percentile) =>
        count == 0 ? 0 : _histogram.GetValueAtPercentile(percentile) / 1000.0;

    private void KeepSample(string sample)
    {
        if (_errorSamples.Count < KeptErrorSamples)
        {
            _errorSamples.Add(sample);
        }
    }
}
