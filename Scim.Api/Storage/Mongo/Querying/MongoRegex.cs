using System.Globalization;
using System.Text;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// Builds PCRE patterns (MongoDB's regex engine) that match client text literally. .NET's Regex.Escape is not used:
/// its syntax is .NET's, and it leaves NUL and other control characters raw, which a BSON regex cannot carry.
/// Here every ASCII character that is not a letter or digit is escaped (PCRE reads "\" + punctuation as that
/// character), control characters become <c>\x{hh}</c>, and non-ASCII characters are kept.
/// </summary>
internal static class MongoRegex
{
    public static string EscapeLiteral(string text)
    {
        var builder = new StringBuilder(text.Length * 2);
        foreach (var character in text)
        {
            if (char.IsAsciiLetterOrDigit(character) || character > '\u007F')
            {
                builder.Append(character);
            }
            else if (char.IsControl(character))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\x{{{(int)character:x2}}}");
            }
            else
            {
                builder.Append('\\').Append(character);
            }
        }

        return builder.ToString();
    }

    // \A and \z anchor at the very ends; "$" would also match before a final newline.
    public static string Equal(string text) => $"\\A{EscapeLiteral(text)}\\z";

    public static string Contains(string text) => EscapeLiteral(text);

    public static string StartsWith(string text) => $"\\A{EscapeLiteral(text)}";

    public static string EndsWith(string text) => $"{EscapeLiteral(text)}\\z";
}
