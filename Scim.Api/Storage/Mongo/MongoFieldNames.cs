using System.Globalization;
using System.Text;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// Turns SCIM attribute names into MongoDB field names and back. MongoDB cannot hold NUL in a field name, reads
/// '.' as a path separator and '$' as an operator, so extension URNs (<c>urn:…:enterprise:2.0:User</c>),
/// <c>$ref</c> and arbitrary client names must not reach it verbatim. The encoding is percent-style: '%' itself
/// first, then '.', '$' and NUL become <c>%25</c>, <c>%2E</c>, <c>%24</c>, <c>%00</c>; the empty name (which no
/// path can address) becomes a lone <c>%</c>, which no other name encodes to. Every other character is kept, so
/// ordinary names (<c>userName</c>) are stored as written and the encoding is injective and reversible.
/// </summary>
public static class MongoFieldNames
{
    private const string EmptyName = "%";

    public static string Encode(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            return EmptyName;
        }

        if (name.AsSpan().IndexOfAny("%.$\0") < 0)
        {
            return name;
        }

        var builder = new StringBuilder(name.Length + 8);
        foreach (var character in name)
        {
            builder.Append(character switch
            {
                '%' => "%25",
                '.' => "%2E",
                '$' => "%24",
                '\0' => "%00",
                _ => character.ToString(),
            });
        }

        return builder.ToString();
    }

    public static string Decode(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field == EmptyName)
        {
            return "";
        }

        if (!field.Contains('%', StringComparison.Ordinal))
        {
            return field;
        }

        var builder = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] != '%')
            {
                builder.Append(field[i]);
                continue;
            }

            if (i + 2 >= field.Length
                || !byte.TryParse(field.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
                || code is not (0x25 or 0x2E or 0x24 or 0x00))
            {
                throw new FormatException($"The stored field name '{field}' has an invalid escape at position {i}.");
            }

            builder.Append((char)code);
            i += 2;
        }

        return builder.ToString();
    }

    /// <summary>A dotted MongoDB path from SCIM names, each encoded.</summary>
    public static string Path(string root, params ReadOnlySpan<string> names)
    {
        var builder = new StringBuilder(root);
        foreach (var name in names)
        {
            builder.Append('.').Append(Encode(name));
        }

        return builder.ToString();
    }
}
