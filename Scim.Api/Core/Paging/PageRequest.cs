using System.Globalization;
using Scim.Api.Core.Errors;

namespace Scim.Api.Core.Paging;

/// <summary>
/// Index paging (RFC 7644 §3.4.2.4): a 1-based <c>startIndex</c> (values below 1 mean 1) and a <c>count</c>
/// (negative means 0, absent means the default, above the maximum is capped at it).
/// </summary>
public sealed record PageRequest(int StartIndex, int Count)
{
    public const int DefaultCount = 100;

    /// <summary>Zero-based offset of the first result.</summary>
    public long Offset => StartIndex - 1L;

    public static PageRequest Create(int? startIndex, int? count, int maxResults)
    {
        var start = startIndex is null or < 1 ? 1 : startIndex.Value;
        var size = count switch
        {
            null => Math.Min(DefaultCount, maxResults),
            < 0 => 0,
            _ => Math.Min(count.Value, maxResults),
        };
        return new PageRequest(start, size);
    }

    /// <summary>
    /// Reads a raw query value: numbers beyond the int range are clamped rather than rejected, because the
    /// RFC caps a count above the maximum instead of failing; text that is not a number is a 400.
    /// </summary>
    public static int? ParseLenient(string? text, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return (int)Math.Clamp(value, int.MinValue, int.MaxValue);
        }

        if (decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            return (int)Math.Clamp(Math.Floor(real), int.MinValue, int.MaxValue);
        }

        throw ScimException.InvalidValue($"The query parameter '{parameterName}' must be an integer, not '{text}'.");
    }
}
