using OpenTelemetry.Metrics;

namespace Scim.Api.Tests.Hosting.Telemetry;

/// <summary>Reads values out of exported metrics by name and a subset of their attributes.</summary>
internal static class MetricAssert
{
    public static IEnumerable<MetricPoint> Points(IEnumerable<MetricSnapshot> metrics, string name, params (string Key, object Value)[] tags) =>
        metrics.Where(metric => metric.Name == name)
            .SelectMany(metric => metric.MetricPoints)
            .Where(point => tags.All(tag => HasTag(point, tag.Key, tag.Value)));

    public static long Sum(IEnumerable<MetricSnapshot> metrics, string name, params (string Key, object Value)[] tags) =>
        Points(metrics, name, tags).Sum(point => point.GetSumLong());

    public static long HistogramCount(IEnumerable<MetricSnapshot> metrics, string name, params (string Key, object Value)[] tags) =>
        Points(metrics, name, tags).Sum(point => point.GetHistogramCount());

    public static long GaugeLong(IEnumerable<MetricSnapshot> metrics, string name, params (string Key, object Value)[] tags) =>
        Assert.Single(Points(metrics, name, tags)).GetGaugeLastValueLong();

    public static IReadOnlyDictionary<string, object?> TagsOf(MetricPoint point)
    {
        var tags = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in point.Tags)
        {
            tags[tag.Key] = tag.Value;
        }

        return tags;
    }

    private static bool HasTag(MetricPoint point, string key, object value)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return Equals(Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture),
                    Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return false;
    }
}
