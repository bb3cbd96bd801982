using System.Globalization;
using System.Text.RegularExpressions;

namespace Scim.Api.Tests.Deploy;

/// <summary>One sample of a scrape: the series as written (<c>name{label="value",…}</c>), read apart, and its value.</summary>
internal sealed record ExposedSample(string Series, string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// What a Prometheus scrape endpoint answered, in the text exposition format: the sample lines and which metrics are
/// gauges. Read only to hand the samples, unchanged, to promtool and to compare names; Prometheus does the querying.
/// </summary>
internal sealed partial class Exposition(IReadOnlyList<ExposedSample> samples, IReadOnlySet<string> gauges)
{
    public IReadOnlyList<ExposedSample> Samples => samples;

    public IReadOnlySet<string> Gauges => gauges;

    public static Exposition Parse(string text)
    {
        var samples = new List<ExposedSample>();
        var gauges = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (TypeLine().Match(line) is { Success: true } type)
            {
                if (type.Groups["type"].Value == "gauge")
                {
                    gauges.Add(type.Groups["name"].Value);
                }
            }
            else if (!line.StartsWith('#'))
            {
                // The value is the last field; the series before it may hold spaces inside label values.
                var space = line.LastIndexOf(' ');
                var series = line[..space].TrimEnd();
                var (name, labels) = ReadSeries(series);
                samples.Add(new ExposedSample(series, name, labels, double.Parse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture)));
            }
        }

        return new Exposition(samples, gauges);
    }

    /// <summary>The name and labels of a series written <c>name{label="value",…}</c>, as scrapes and promtool tests write them.</summary>
    public static (string Name, IReadOnlyDictionary<string, string> Labels) ReadSeries(string series)
    {
        var match = Series().Match(series);
        if (!match.Success)
        {
            throw new FormatException($"'{series}' is not a series (name{{label=\"value\",…}}).");
        }

        var labels = match.Groups["label"].Captures.Select((label, i) => (label.Value, match.Groups["value"].Captures[i].Value))
            .ToDictionary(l => l.Item1, l => l.Item2, StringComparer.Ordinal);
        return (match.Groups["name"].Value, labels);
    }

    [GeneratedRegex(@"^#\s*TYPE\s+(?<name>\S+)\s+(?<type>\S+)")]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\s*(?:\{\s*(?:(?<label>[a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*""(?<value>(?:[^""\\]|\\.)*)""\s*,?\s*)*\})?$")]
    private static partial Regex Series();
}
