using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace Scim.Bench.Micro;

/// <summary>
/// The default job is sized for a 2-core machine that others share: one launch, 3 warm-ups, 10 measured
/// iterations (about 15 s per benchmark). <c>--job short</c> (BenchmarkDotNet's ShortRun: 3 iterations) is
/// quicker and coarser; any BenchmarkDotNet job option given on the command line replaces this default.
/// </summary>
internal static class MicroConfig
{
    public static IConfig Create(string[] args)
    {
        var config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default);
        var hasJobOption = args.Any(a => a is "--job" or "-j" or "--launchCount" or "--warmupCount" or "--iterationCount");
        return hasJobOption
            ? config
            : config.AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10).AsDefault());
    }
}
