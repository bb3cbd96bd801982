using System.Globalization;
using Scim.Api.Core.Errors;

namespace Scim.Api.Storage.Sqlite.Querying;

/// <summary>
/// Where a resource sits in a query's order: its sort value (typed as SQLite holds it, so that the seek compares
/// exactly as ORDER BY does) and its row number, written <c>seq</c> or <c>seq|kind|value</c>.
/// </summary>
internal sealed record SqlitePosition(long Seq, object? Key)
{
    public string Format() => Key switch
    {
        null => $"{Seq.ToString(CultureInfo.InvariantCulture)}|n|",
        long number => $"{Seq.ToString(CultureInfo.InvariantCulture)}|i|{number.ToString(CultureInfo.InvariantCulture)}",
        double real => $"{Seq.ToString(CultureInfo.InvariantCulture)}|r|{real.ToString("R", CultureInfo.InvariantCulture)}",
        string text => $"{Seq.ToString(CultureInfo.InvariantCulture)}|t|{text}",
        byte[] blob => $"{Seq.ToString(CultureInfo.InvariantCulture)}|b|{Convert.ToBase64String(blob)}",
        _ => throw new InvalidOperationException($"A sort value of type {Key.GetType().Name} cannot be a position."),
    };

    public static string FormatSeq(long seq) => seq.ToString(CultureInfo.InvariantCulture);

    public static SqlitePosition Parse(string text, bool sorted)
    {
        var parts = text.Split('|', 3);
        if (!long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seq) || (parts.Length == 3) != sorted)
        {
            throw Invalid();
        }

        if (!sorted)
        {
            return new SqlitePosition(seq, null);
        }

        var value = parts[2];
        object? key = parts[1] switch
        {
            "n" when value.Length == 0 => null,
            "i" when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => number,
            "r" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) => real,
            "t" => value,
            "b" => Blob(value),
            _ => throw Invalid(),
        };
        return new SqlitePosition(seq, key);
    }

    private static byte[] Blob(string value)
    {
        var bytes = new byte[value.Length];
        return Convert.TryFromBase64String(value, bytes, out var written) ? bytes[..written] : throw Invalid();
    }

    private static ScimException Invalid() =>
        ScimException.InvalidCursor("The cursor does not designate a position in this list; start again with an empty cursor.");
}
