using System.Globalization;

namespace Scim.Api.Core.Activity;

/// <summary>Statuses from <see cref="From"/> to <see cref="To"/> inclusive: a class (<c>4xx</c>) or one code (<c>429</c>).</summary>
public readonly record struct StatusRange(int From, int To)
{
    /// <summary>Reads <c>2xx</c>…<c>5xx</c> or a three-digit code; false for anything else.</summary>
    public static bool TryParse(string? text, out StatusRange range)
    {
        range = default;
        text = text?.Trim();
        if (text is not { Length: 3 } || text[0] is < '1' or > '5')
        {
            return false;
        }

        if (text[1..].Equals("xx", StringComparison.OrdinalIgnoreCase))
        {
            var hundreds = (text[0] - '0') * 100;
            range = new StatusRange(hundreds, hundreds + 99);
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            range = new StatusRange(code, code);
            return true;
        }

        return false;
    }

    public override string ToString() => From == To
        ? From.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{From / 100}xx");
}
