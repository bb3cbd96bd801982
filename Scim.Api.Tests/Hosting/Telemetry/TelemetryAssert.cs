using System.Diagnostics;

namespace Scim.Api.Tests.Hosting.Telemetry;

internal static class TelemetryAssert
{
    public static Activity Span(IEnumerable<Activity> spans, string name) =>
        Assert.Single(spans, span => span.DisplayName == name);

    public static Activity ServerSpan(IEnumerable<Activity> spans) =>
        Assert.Single(spans, span => span.Kind == ActivityKind.Server);

    public static void HasTags(Activity span, params (string Key, object Value)[] expected)
    {
        foreach (var (key, value) in expected)
        {
            Assert.True(span.GetTagItem(key) is { } actual && Equals(Text(actual), Text(value)),
                $"span '{span.DisplayName}' should have {key}={value}, has {key}={span.GetTagItem(key) ?? "(none)"}");
        }
    }

    /// <summary>No span name, tag, status text or event of <paramref name="spans"/> contains any of <paramref name="secrets"/>.</summary>
    public static void CarriesNone(IEnumerable<Activity> spans, params string[] secrets)
    {
        foreach (var span in spans)
        {
            var texts = new List<string> { span.DisplayName, span.StatusDescription ?? "" };
            texts.AddRange(span.TagObjects.Select(tag => $"{tag.Key}={Text(tag.Value)}"));
            texts.AddRange(span.Events.SelectMany(e => e.Tags.Select(tag => $"{e.Name}:{tag.Key}={Text(tag.Value)}")));
            foreach (var secret in secrets)
            {
                var leak = texts.FirstOrDefault(text => text.Contains(secret, StringComparison.OrdinalIgnoreCase));
                Assert.True(leak is null, $"span '{span.DisplayName}' ({span.Source.Name}) carries '{secret}' in: {leak}");
            }
        }
    }

    private static string Text(object? value) => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
