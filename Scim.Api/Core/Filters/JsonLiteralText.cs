using System.Globalization;
using System.Text;

namespace Scim.Api.Core.Filters;

// RFC 8259 §6 and §7: the number and string syntax compValue borrows from JSON (RFC 7644 §3.4.2.2).
internal static class JsonLiteralText
{
    public static bool IsNumber(string text)
    {
        var i = 0;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }

        if (i >= text.Length || !char.IsAsciiDigit(text[i]))
        {
            return false;
        }

        if (text[i] == '0')
        {
            i++;
        }
        else
        {
            i = SkipDigits(text, i);
        }

        if (i < text.Length && text[i] == '.')
        {
            var fractionStart = i + 1;
            i = SkipDigits(text, fractionStart);
            if (i == fractionStart)
            {
                return false;
            }
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < text.Length && (text[i] == '+' || text[i] == '-'))
            {
                i++;
            }

            var exponentStart = i;
            i = SkipDigits(text, exponentStart);
            if (i == exponentStart)
            {
                return false;
            }
        }

        return i == text.Length;
    }

    /// <summary>Converts JSON number text to a decimal; false when it is outside the decimal range.</summary>
    public static bool TryConvertNumber(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    public static void AppendQuoted(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                default:
                    if (c < ' ' || char.IsSurrogate(c) || c == '\u007f')
                    {
                        AppendUnicodeEscape(builder, c);
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }

    /// <summary>Text safe to quote in an error detail: control characters are shown as \uXXXX escapes.</summary>
    public static string Printable(string text, int maxLength = 40)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Length > maxLength ? text[..maxLength] : text)
        {
            if (char.IsControl(c) || char.IsSurrogate(c))
            {
                AppendUnicodeEscape(builder, c);
            }
            else
            {
                builder.Append(c);
            }
        }

        return text.Length > maxLength ? builder.Append('…').ToString() : builder.ToString();
    }

    private static void AppendUnicodeEscape(StringBuilder builder, char c) =>
        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));

    private static int SkipDigits(string text, int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i;
    }
}
