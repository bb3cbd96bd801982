using Scim.Api.Core.Filters;
using Scim.Api.Core.Storage;

namespace Scim.Api.Storage.Sqlite.Text;

/// <summary>
/// dateTime values in <see cref="RoundTripTime"/> form, so that comparing the text compares the instants: shadow
/// columns hold this form and dateTime filters (RFC 7644 §3.4.2.2) compare against it.
/// </summary>
internal static class InstantText
{
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

        return ScimDateTime.TryParse(text, out var instant) ? RoundTripTime.Format(instant) : null;
    }
}
