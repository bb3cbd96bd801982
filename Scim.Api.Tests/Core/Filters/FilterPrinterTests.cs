using Scim.Api.Core.Filters;
using static Scim.Api.Tests.Core.Filters.FilterTrees;

namespace Scim.Api.Tests.Core.Filters;

public class FilterPrinterTests
{
    public static TheoryData<string> ValidTexts => FilterParserValidCases.Texts;

    [Theory]
    [InlineData("userName EQ \"x\"", "userName eq \"x\"")]
    [InlineData("userName  Sw  O", "userName sw \"O\"")]
    [InlineData("title PR", "title pr")]
    [InlineData("a eq TRUE or b eq False or c eq NULL", "a eq true or b eq false or c eq null")]
    [InlineData("a eq 1E3", "a eq 1000")]
    [InlineData("a eq -0.50", "a eq -0.50")]
    [InlineData("a eq 2.5e-3", "a eq 0.0025")]
    [InlineData("(a eq 1 and b eq 2) and c eq 3", "a eq 1 and b eq 2 and c eq 3")]
    [InlineData("a eq 1 and (b eq 2 and c eq 3)", "a eq 1 and (b eq 2 and c eq 3)")]
    [InlineData("(a eq 1 or b eq 2) or c eq 3", "a eq 1 or b eq 2 or c eq 3")]
    [InlineData("a eq 1 or (b eq 2 or c eq 3)", "a eq 1 or (b eq 2 or c eq 3)")]
    [InlineData("(a eq 1 or b eq 2) and c eq 3", "(a eq 1 or b eq 2) and c eq 3")]
    [InlineData("a eq 1 and (b eq 2 or c eq 3)", "a eq 1 and (b eq 2 or c eq 3)")]
    [InlineData("a eq 1 or (b eq 2 and c eq 3)", "a eq 1 or b eq 2 and c eq 3")]
    [InlineData("(a eq 1 and b eq 2) or c eq 3", "a eq 1 and b eq 2 or c eq 3")]
    [InlineData("not(a pr)", "not (a pr)")]
    [InlineData("not (a pr and b pr)", "not (a pr and b pr)")]
    [InlineData("((a pr))", "a pr")]
    [InlineData("emails[ type eq \"work\" and (value co \"@x\" or primary eq true) ]", "emails[type eq \"work\" and (value co \"@x\" or primary eq true)]")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"x\"", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"x\"")]
    [InlineData("a eq \"q\\\"b\\\\s\\/l\\u0001\\u00e9\\n\\r\\t\\b\\f\"", "a eq \"q\\\"b\\\\s/l\\u0001é\\n\\r\\t\\b\\f\"")]
    [InlineData("a eq \"\\ud83d\\ude00\"", "a eq \"\\ud83d\\ude00\"")]
    public void Print_ParsedFilter_IsCanonicalText(string text, string expected) =>
        Assert.Equal(expected, FilterPrinter.Print(FilterParser.Parse(text)));

    [Theory]
    [MemberData(nameof(ValidTexts))]
    public void Print_EveryValidCase_ParsesBackToTheSameTree(string text)
    {
        var filter = FilterParserValidCases.Cases[text];

        Assert.Equal(filter, FilterParser.Parse(FilterPrinter.Print(filter), FilterParseOptions.Strict));
    }

    [Fact]
    public void Print_LoneSurrogate_IsEscapedAndRoundTrips()
    {
        var filter = Eq("a", "x\ud800y");

        var text = FilterPrinter.Print(filter);

        Assert.Equal("a eq \"x\\ud800y\"", text);
        Assert.Equal(filter, FilterParser.Parse(text));
    }

    [Fact]
    public void Print_RightNestedAnd_KeepsItsParentheses() =>
        Assert.Equal("a pr and (b pr and c pr)", FilterPrinter.Print(And(Pr("a"), And(Pr("b"), Pr("c")))));

    [Fact]
    public void Print_NotOfNot_ParenthesizesEachLevel() =>
        Assert.Equal("not (not (a pr))", FilterPrinter.Print(Not(Not(Pr("a")))));
}
