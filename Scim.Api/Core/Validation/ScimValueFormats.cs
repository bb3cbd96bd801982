using System.Globalization;
using System.Text.RegularExpressions;

namespace Scim.Api.Core.Validation;

/// <summary>The lexical forms of RFC 7643 §2.3 data types.</summary>
internal static partial class ScimValueFormats
{
    /// <summary>xsd:dateTime (RFC 7643 §2.3.5): date, 'T', time, optional fraction and optional zone.</summary>
    public static bool IsDateTime(string text)
    {
        var match = DateTimePattern().Match(text);
        if (!match.Success || !IsValidOffset(match.Groups["offset"].Value))
        {
            return false;
        }

        // The pattern checks the shape; parsing checks the ranges (month 13, February 30 …). "24:00:00" is not accepted.
        var local = match.Groups["local"].Value;
        return DateTime.TryParseExact(
            local,
            ["yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF"],
            CultureInfo.InvariantCulture,
            DateTimeStyles.None,
            out _)
            || TryParseLongFraction(local);
    }

    public static bool IsBase64(string text)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(text, buffer, out _);
    }

    /// <summary>An integer in JSON number form (no fraction, no exponent) that fits in 64 bits.</summary>
    public static bool TryParseInteger(string text, out long value)
    {
        value = 0;
        return IntegerPattern().IsMatch(text)
            && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>A number in JSON number form that fits in a .NET decimal.</summary>
    public static bool TryParseDecimal(string text, out decimal value)
    {
        value = 0;
        return NumberPattern().IsMatch(text)
            && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    // Offsets run from -14:00 to +14:00 (xsd:dateTime timezone).
    private static bool IsValidOffset(string offset)
    {
        if (offset.Length != 6)
        {
            return true;
        }

        var hours = int.Parse(offset.AsSpan(1, 2), CultureInfo.InvariantCulture);
        var minutes = int.Parse(offset.AsSpan(4, 2), CultureInfo.InvariantCulture);
        return minutes < 60 && (hours < 14 || (hours == 14 && minutes == 0));
    }

    // More than seven fraction digits are valid xsd but beyond DateTime's precision: check the rest without them.
    private static bool TryParseLongFraction(string local)
    {
        var dot = local.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && DateTime.TryParseExact(
            local[..dot], "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
    }

    [GeneratedRegex(@"^(?<local>[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?)(?<offset>Z|[+-][0-9]{2}:[0-9]{2})?\z", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)\z", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
