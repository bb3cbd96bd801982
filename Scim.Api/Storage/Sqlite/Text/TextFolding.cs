using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Scim.Api.Storage.Sqlite.Text;

/// <summary>
/// The one place where text is made case- and form-insensitive, for attributes with <c>caseExact: false</c>
/// (RFC 7643 §2.2): unique keys, filter comparisons and sorting all go through <see cref="Fold"/>.
/// <para>
/// The text is decomposed (NFKD), fully case folded (CaseFolding.txt statuses C and F), upper-cased and
/// recomposed (NFC): "ÉMILE" and "émile" (precomposed or with a combining accent), "STRASSE" and "straße",
/// "ﬁle" and "FILE", full-width "ＡＢＣ" and "abc" all fold alike. The final upper-casing makes the folded texts
/// order as <see cref="StringComparison.OrdinalIgnoreCase"/> orders them (the in-memory filter evaluator's rule),
/// so "a_b" sorts after "abc" in the store and in memory alike. Like that rule, it keeps the Turkish "ı" and "i" apart.
/// </para>
/// <para>
/// We cannot use <see cref="string.Normalize()"/>: with InvariantGlobalization there is no ICU and it returns
/// non-ASCII text unchanged, so the tables come from <see cref="UnicodeFoldingData"/>. Default-ignorable
/// characters (soft hyphen, zero-width joiner) are kept.
/// </para>
/// </summary>
internal static class TextFolding
{
    private const int HangulSyllableFirst = 0xAC00;
    private const int HangulLeadingFirst = 0x1100;
    private const int HangulVowelFirst = 0x1161;
    private const int HangulTrailingFirst = 0x11A7;
    private const int HangulLeadingCount = 19;
    private const int HangulVowelCount = 21;
    private const int HangulTrailingCount = 28;
    private const int HangulPerLeading = HangulVowelCount * HangulTrailingCount;
    private const int HangulSyllableCount = HangulLeadingCount * HangulPerLeading;

    private static readonly FrozenDictionary<int, int[]> Decompositions = ParseDecompositions();
    private static readonly FrozenDictionary<int, byte> CombiningClasses = ParseCombiningClasses();
    private static readonly FrozenDictionary<long, int> Compositions = ParseCompositions();

    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Ascii.IsValid(text) ? FoldAscii(text) : FoldUnicode(text);
    }

    private static string FoldAscii(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('a', 'z'))
        {
            return text;
        }

        return string.Create(text.Length, text, static (span, source) => Ascii.ToUpper(source, span, out _));
    }

    private static string FoldUnicode(string text)
    {
        var codePoints = new List<int>(text.Length + 8);
        foreach (var rune in text.EnumerateRunes())
        {
            AppendFoldedDecomposition(codePoints, rune.Value);
        }

        ReorderCombiningMarks(codePoints);
        Compose(codePoints);

        var builder = new StringBuilder(codePoints.Count);
        foreach (var codePoint in codePoints)
        {
            builder.Append(new Rune(codePoint).ToString());
        }

        return builder.ToString();
    }

    private static void AppendFoldedDecomposition(List<int> target, int codePoint)
    {
        var syllableIndex = codePoint - HangulSyllableFirst;
        if (syllableIndex is >= 0 and < HangulSyllableCount)
        {
            target.Add(HangulLeadingFirst + (syllableIndex / HangulPerLeading));
            target.Add(HangulVowelFirst + (syllableIndex % HangulPerLeading / HangulTrailingCount));
            var trailing = syllableIndex % HangulTrailingCount;
            if (trailing != 0)
            {
                target.Add(HangulTrailingFirst + trailing);
            }

            return;
        }

        if (Decompositions.TryGetValue(codePoint, out var mapped))
        {
            foreach (var folded in mapped)
            {
                target.Add(Upper(folded));
            }
        }
        else
        {
            target.Add(Upper(codePoint));
        }
    }

    private static int Upper(int codePoint) => Rune.ToUpperInvariant(new Rune(codePoint)).Value;

    private static byte CombiningClassOf(int codePoint) => CombiningClasses.GetValueOrDefault(codePoint);

    // Canonical ordering (UAX #15 §3.11): a stable sort of each run of non-starters by combining class.
    private static void ReorderCombiningMarks(List<int> codePoints)
    {
        for (var i = 1; i < codePoints.Count; i++)
        {
            var current = codePoints[i];
            var currentClass = CombiningClassOf(current);
            if (currentClass == 0)
            {
                continue;
            }

            var j = i - 1;
            while (j >= 0 && CombiningClassOf(codePoints[j]) > currentClass)
            {
                codePoints[j + 1] = codePoints[j];
                j--;
            }

            codePoints[j + 1] = current;
        }
    }

    // Canonical composition (UAX #15 §1.3): each character joins the last starter unless blocked.
    private static void Compose(List<int> codePoints)
    {
        if (codePoints.Count < 2)
        {
            return;
        }

        var starterIndex = 0;
        var starter = codePoints[0];
        int lastClass = CombiningClassOf(starter);
        if (lastClass != 0)
        {
            lastClass = 256;
        }

        var written = 1;
        for (var i = 1; i < codePoints.Count; i++)
        {
            var current = codePoints[i];
            int currentClass = CombiningClassOf(current);
            var composite = ComposePair(starter, current);
            if (composite >= 0 && (lastClass < currentClass || lastClass == 0))
            {
                codePoints[starterIndex] = composite;
                starter = composite;
                continue;
            }

            if (currentClass == 0)
            {
                starterIndex = written;
                starter = current;
            }

            lastClass = currentClass;
            codePoints[written++] = current;
        }

        codePoints.RemoveRange(written, codePoints.Count - written);
    }

    private static int ComposePair(int first, int second)
    {
        var leadingIndex = first - HangulLeadingFirst;
        var vowelIndex = second - HangulVowelFirst;
        if (leadingIndex is >= 0 and < HangulLeadingCount && vowelIndex is >= 0 and < HangulVowelCount)
        {
            return HangulSyllableFirst + (((leadingIndex * HangulVowelCount) + vowelIndex) * HangulTrailingCount);
        }

        var syllableIndex = first - HangulSyllableFirst;
        var trailingIndex = second - HangulTrailingFirst;
        if (syllableIndex is >= 0 and < HangulSyllableCount && syllableIndex % HangulTrailingCount == 0
            && trailingIndex is > 0 and < HangulTrailingCount)
        {
            return first + trailingIndex;
        }

        return Compositions.TryGetValue(PairKey(first, second), out var composite) ? composite : -1;
    }

    private static long PairKey(int first, int second) => ((long)first << 21) | (uint)second;

    private static int Hex(string text) => int.Parse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static IEnumerable<(string Key, string Value)> Entries(string table)
    {
        foreach (var entry in table.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            yield return (entry[..colon], entry[(colon + 1)..]);
        }
    }

    private static FrozenDictionary<int, int[]> ParseDecompositions() =>
        Entries(UnicodeFoldingData.Decompositions)
            .ToFrozenDictionary(e => Hex(e.Key), e => e.Value.Split(',').Select(Hex).ToArray());

    private static FrozenDictionary<int, byte> ParseCombiningClasses()
    {
        var classes = new Dictionary<int, byte>();
        foreach (var (key, value) in Entries(UnicodeFoldingData.CombiningClasses))
        {
            var dash = key.IndexOf('-', StringComparison.Ordinal);
            var first = Hex(dash < 0 ? key : key[..dash]);
            var last = dash < 0 ? first : Hex(key[(dash + 1)..]);
            var combiningClass = byte.Parse(value, CultureInfo.InvariantCulture);
            for (var codePoint = first; codePoint <= last; codePoint++)
            {
                classes[codePoint] = combiningClass;
            }
        }

        return classes.ToFrozenDictionary();
    }

    private static FrozenDictionary<long, int> ParseCompositions() =>
        Entries(UnicodeFoldingData.Compositions).ToFrozenDictionary(
            e =>
            {
                var comma = e.Key.IndexOf(',', StringComparison.Ordinal);
                return PairKey(Hex(e.Key[..comma]), Hex(e.Key[(comma + 1)..]));
            },
            e => Hex(e.Value));
}
