using System.Globalization;
using Scim.Api.Core.Filters;

namespace Scim.Api.Storage.Sqlite.Text;

/// <summary>
/// Instants as fixed-width UTC text ("2024-05-01T08:30:00.0000000Z"), so that comparing the text compares the
/// instants: shadow columns hold this form and dateTime filters (RFC 7644 §3.4.2.2) compare against it.
/// </summary>
internal static class InstantText
{
    // The round-trip format of a UTC DateTime is exactly this fixed-width form, and .NET formats and parses it
    // without interpreting a custom pattern: every row read parses two instants.
    private const string RoundTrip = "O";

    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString(RoundTrip, CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string normalized) =>
        DateTimeOffset.ParseExact(normalized, RoundTrip, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>
    /// Reads an xsd:dateTime (RFC 7643 §2.3.5) by the same rule as the in-memory filter evaluator and returns its
    /// normalized text; a value without an offset is taken as UTC. Null when the text is not a date and time.
    /// </summary>
    public static string? Normalize(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return ScimDateTime.TryParse(text, out var instant) ? Format(instant) : null;
    }
}
