using System.Globalization;

namespace Scim.Api.Core.Storage;

/// <summary>
/// Instants as the stores keep them and as <c>meta</c> carries them: UTC in the round-trip format
/// ("2024-05-01T08:30:00.0000000Z"), fixed width, so that comparing the text compares the instants.
/// </summary>
public static class RoundTripTime
{
    private const string RoundTrip = "O";

    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString(RoundTrip, CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.ParseExact(text, RoundTrip, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
