using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;

namespace Scim.Api.Core.Validation;

/// <summary>
/// The one rule for numbers in a resource, whatever the store: a JSON number is written only if a .NET
/// <see cref="decimal"/> holds its value exactly (at most 28 significant digits, magnitudes from 1E-28 to about
/// 7.9E+28), else the write is a 400 <c>invalidValue</c>. RFC 7643 §2.3.3 and §2.3.4 leave the range of integers
/// and decimals to the service provider; this one is the range every part of the service computes in exactly: filter
/// values and the in-memory evaluator compare as decimals, the SQLite store keeps the text, and the MongoDB store
/// keeps Int32, Int64 or Decimal128, each of which holds every decimal exactly. A larger or finer number used to be
/// rounded, cut to zero or turned into Infinity by some layer; refusing it is the honest answer.
/// </summary>
public static class StorableNumbers
{
    /// <summary>The rule as an error detail states it.</summary>
    public const string Limits = "numbers may have at most 28 significant digits, with magnitudes from 1E-28 to 7.9E+28";

    /// <summary>Throws 400 <c>invalidValue</c> naming the first number in <paramref name="document"/> no store can hold exactly.</summary>
    public static void EnsureStorable(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var (name, value) in document)
        {
            Check(value, name);
        }
    }

    /// <summary>Throws 400 <c>invalidValue</c> when <paramref name="text"/> is JSON number text that is not exactly a decimal.</summary>
    public static void EnsureExact(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (JsonLiteralText.IsNumber(text) && !IsExact(text))
        {
            throw NotStorable(path, text);
        }
    }

    /// <summary>Whether the JSON number <paramref name="text"/> is a value a <see cref="decimal"/> holds exactly.</summary>
    public static bool IsExact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryCanonical(text, out var written))
        {
            return false;
        }

        if (written.Digits.Length == 0)
        {
            return true;
        }

        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && TryCanonical(value.ToString(CultureInfo.InvariantCulture), out var held)
            && written == held;
    }

    private static void Check(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    Check(value, $"{path}.{name}");
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Check(item, path);
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                // Not TryGetValue<decimal>: a parsed number reads as a decimal after rounding (1e-7000 as 0).
                if (!value.TryGetValue<long>(out _))
                {
                    var text = value.ToJsonString();
                    if (!IsExact(text))
                    {
                        throw NotStorable(path, text);
                    }
                }

                break;
        }
    }

    private static ScimException NotStorable(string path, string text) => ScimException.InvalidValue(
        $"Attribute '{path}' holds the number {(text.Length <= 40 ? text : text[..40] + "…")}, which the service cannot store exactly: {Limits}.");

    // The value as sign, significant digits (no leading or trailing zeros) and the power of ten of the last digit;
    // zero has no digits and no sign.
    private static bool TryCanonical(string text, out Canonical canonical)
    {
        canonical = new Canonical(false, "", 0);
        var span = text.AsSpan();
        var negative = span.Length > 0 && span[0] == '-';
        if (negative)
        {
            span = span[1..];
        }

        var exponentAt = span.IndexOfAny('e', 'E');
        var mantissa = exponentAt < 0 ? span : span[..exponentAt];
        var point = mantissa.IndexOf('.');
        var integer = point < 0 ? mantissa : mantissa[..point];
        var fraction = point < 0 ? [] : mantissa[(point + 1)..];
        var digits = (integer.ToString() + fraction.ToString()).TrimStart('0');
        if (digits.Length == 0)
        {
            return true;
        }

        var trimmed = digits.TrimEnd('0');
        long exponent = 0;
        if (exponentAt >= 0 && !long.TryParse(span[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
        {
            return false;
        }

        if (exponent is > int.MaxValue or < int.MinValue)
        {
            return false;
        }

        canonical = new Canonical(negative, trimmed, exponent - fraction.Length + (digits.Length - trimmed.Length));
        return true;
    }

    private readonly record struct Canonical(bool Negative, string Digits, long Exponent);
}
