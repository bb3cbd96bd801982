using CsCheck;
using Scim.Api.Storage.Sqlite.Text;

namespace Scim.Api.Tests.Storage.Sqlite;

public class TextFoldingTests
{
    [Theory]
    [InlineData("bjensen", "BJENSEN")]
    [InlineData("BJensen@Example.COM", "BJENSEN@EXAMPLE.COM")]
    [InlineData("émile", "ÉMILE")]
    [InlineData("e\u0301mile", "ÉMILE")]
    [InlineData("straße", "STRASSE")]
    [InlineData("STRAẞE", "STRASSE")]
    [InlineData("ﬁle", "FILE")]
    [InlineData("ｂｊｅｎｓｅｎ", "BJENSEN")]
    [InlineData("σίσυφος", "ΣΊΣΥΦΟΣ")]
    [InlineData("ς", "Σ")]
    [InlineData("ǆ", "D\u017D")]
    [InlineData("\u212B", "\u00C5")]
    [InlineData("a\u0328\u0301", "Ą\u0301")]
    [InlineData("a\u0301\u0328", "Ą\u0301")]
    [InlineData("한국어", "한국어")]
    [InlineData("\u1112\u1161\u11AB", "한")]
    [InlineData("", "")]
    [InlineData("nul\0byte", "NUL\0BYTE")]
    public void Fold_MapsCaseAndFormVariantsToOneText(string text, string expected)
    {
        Assert.Equal(expected, TextFolding.Fold(text));
    }

    [Theory]
    [InlineData("i", "ı")]
    [InlineData("emile", "émile")]
    [InlineData("a", "a ")]
    [InlineData("ss", "s")]
    public void Fold_KeepsDifferentTextsApart(string first, string second)
    {
        Assert.NotEqual(TextFolding.Fold(first), TextFolding.Fold(second));
    }

    [Fact]
    public void Fold_OfAFoldedText_ChangesNothing()
    {
        Gen.String[Gen.Char['\u0020', '\u052F'], 0, 12].Sample(text =>
        {
            var folded = TextFolding.Fold(text);
            return TextFolding.Fold(folded) == folded;
        });
    }

    [Fact]
    public void Fold_IgnoresCaseAsOrdinalIgnoreCaseDoes()
    {
        Gen.Select(Gen.String[Gen.Char['\u0020', '\u024F'], 0, 10], Gen.String[Gen.Char['\u0020', '\u024F'], 0, 10]).Sample((a, b) =>
            !string.Equals(a, b, StringComparison.OrdinalIgnoreCase) || TextFolding.Fold(a) == TextFolding.Fold(b));
    }

    [Fact]
    public void Fold_OrdersAsciiTextAsOrdinalIgnoreCaseDoes()
    {
        Gen.Select(Gen.String[Gen.Char['\u0020', '\u007E'], 0, 8], Gen.String[Gen.Char['\u0020', '\u007E'], 0, 8]).Sample((a, b) =>
            Math.Sign(string.CompareOrdinal(TextFolding.Fold(a), TextFolding.Fold(b))) == Math.Sign(string.Compare(a, b, StringComparison.OrdinalIgnoreCase)));
    }
}
