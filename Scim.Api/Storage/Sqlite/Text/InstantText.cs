using Scim.Api.Core.Filters;
using Scim.Api.Core.Storage;

namespace Scim.Api.Storage.Sqlite.Text;

/// <summary>
/// Instants as fixed-width UTC text ("2024-05-01T08:30:00.0000000Z"), so that comparing the text compares the
/// instants: shadow columns hold this form and dateTime filters (RFC 7644 §3.4.2.2) compare against it.
/// </summary>
internal static class InstantText
{
    public static string Format(DateTimeOffset instant) => RoundTripTime.Format(instant);

    public static DateTimeOffset Parse(string normalized) => RoundTripTime.Parse(normalized);

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
