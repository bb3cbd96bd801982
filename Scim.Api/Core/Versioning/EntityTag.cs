using System.Globalization;

namespace Scim.Api.Core.Versioning;

/// <summary>
/// Resource versions are a 64-bit counter, sent as the weak ETag <c>W/"n"</c> (RFC 7644 §3.14 uses weak tags
/// in its examples). Comparison is weak (RFC 9110 §8.8.3.2): <c>"5"</c> and <c>W/"5"</c> name the same version,
/// because clients copy the tag from <c>meta.version</c> with or without the prefix.
/// </summary>
public static class EntityTag
{
    public static string Format(long version) => $"W/\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>Reads a version from <c>W/"n"</c>, <c>"n"</c> or <c>n</c>; false for anything else.</summary>
    public static bool TryParse(string? text, out long version)
    {
        version = 0;
        if (text is null)
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        if (span.StartsWith("W/", StringComparison.OrdinalIgnoreCase))
        {
            span = span[2..];
        }

        if (span.Length >= 2 && span[0] == '"' && span[^1] == '"')
        {
            span = span[1..^1];
        }

        return long.TryParse(span, NumberStyles.None, CultureInfo.InvariantCulture, out version) && version >= 0;
    }
}
