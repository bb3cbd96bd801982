using System.Globalization;

namespace Scim.Api.Core.Filters;

// RFC 7643 §2.3.5: dateTime values are xsd:dateTime text; filters compare the instants they denote.
internal static class ScimDateTime
{
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        return LooksLikeIsoDate(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    // DateTimeOffset.TryParse alone also accepts culture-style dates ("10/10/2015"); SCIM dateTimes start yyyy-mm-dd.
    private static bool LooksLikeIsoDate(string text) =>
        text.Length >= 10
        && char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[1]) && char.IsAsciiDigit(text[2]) && char.IsAsciiDigit(text[3])
        && text[4] == '-' && char.IsAsciiDigit(text[5]) && char.IsAsciiDigit(text[6])
        && text[7] == '-' && char.IsAsciiDigit(text[8]) && char.IsAsciiDigit(text[9]);
}
