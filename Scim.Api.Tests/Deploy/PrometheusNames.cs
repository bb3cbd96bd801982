using System.Text.RegularExpressions;
using OpenTelemetry.Metrics;

namespace Scim.Api.Tests.Deploy;

/// <summary>
/// The series names and labels an OpenTelemetry metric gets in Prometheus, by the rules the collector's Prometheus
/// exporter applies (and OpenTelemetry .NET's own scrape endpoint): characters outside [a-zA-Z0-9_:] become '_', the
/// unit is appended as a word (s → _seconds; annotations in braces are dropped), monotonic counters end in _total, and
/// a histogram is three series, _bucket (with the <c>le</c> label), _sum and _count.
/// </summary>
internal static partial class PrometheusNames
{
    public static IReadOnlyList<string> SeriesOf(string name, string? unit, MetricType type)
    {
        var isGauge = type is MetricType.LongGauge or MetricType.DoubleGauge or MetricType.LongSumNonMonotonic or MetricType.DoubleSumNonMonotonic;
        var baseName = Sanitize(name);
        var unitWord = UnitWord(unit, isGauge);
        if (unitWord.Length > 0 && !baseName.EndsWith("_" + unitWord, StringComparison.Ordinal))
        {
            baseName += "_" + unitWord;
        }

        return type switch
        {
            MetricType.Histogram or MetricType.ExponentialHistogram => [baseName + "_bucket", baseName + "_sum", baseName + "_count"],
            MetricType.LongSum or MetricType.DoubleSum => [baseName.EndsWith("_total", StringComparison.Ordinal) ? baseName : baseName + "_total"],
            _ => [baseName],
        };
    }

    public static string Label(string key) => Sanitize(key);

    private static string UnitWord(string? unit, bool isGauge) => unit switch
    {
        null or "" => "",
        _ when unit.StartsWith('{') => "",
        "s" => "seconds",
        "ms" => "milliseconds",
        "By" => "bytes",
        "%" => "percent",
        "1" => isGauge ? "ratio" : "",
        _ when unit.Split('/') is [var main, var per] => $"{UnitWord(main, isGauge)}_per_{PerUnitWord(per)}",
        _ => Sanitize(unit),
    };

    private static string PerUnitWord(string unit) => unit switch
    {
        "s" => "second",
        "m" => "minute",
        "h" => "hour",
        "d" => "day",
        _ => Sanitize(unit),
    };

    private static string Sanitize(string text) => RepeatedUnderscores().Replace(InvalidCharacters().Replace(text, "_"), "_");

    [GeneratedRegex("[^a-zA-Z0-9_:]")]
    private static partial Regex InvalidCharacters();

    [GeneratedRegex("_{2,}")]
    private static partial Regex RepeatedUnderscores();
}
