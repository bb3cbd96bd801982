using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;
using static Scim.Api.Tests.Core.Filters.FilterTrees;

namespace Scim.Api.Tests.Core.Filters;

public class FilterParserTests
{
    public static TheoryData<string> ValidTexts => FilterParserValidCases.Texts;

    public static TheoryData<string> InvalidTexts => FilterParserInvalidCases.Texts;

    public static TheoryData<string> StrictOnlyInvalidTexts => FilterParserInvalidCases.StrictOnlyTexts;

    [Theory]
    [MemberData(nameof(ValidTexts))]
    public void Parse_ValidFilter_GivesExpectedTree(string text) =>
        Assert.Equal(FilterParserValidCases.Cases[text], FilterParser.Parse(text));

    [Theory]
    [MemberData(nameof(InvalidTexts))]
    public void Parse_InvalidFilter_IsInvalidFilterAtPosition(string text)
    {
        var (position, fragment) = FilterParserInvalidCases.Cases[text];

        var error = ScimExceptionAssert.Throws(ScimErrorType.InvalidFilter, () => FilterParser.Parse(text));

        Assert.Equal(position, ScimExceptionAssert.PositionOf(error));
        Assert.Contains(fragment, error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(InvalidTexts))]
    public void Parse_InvalidFilter_IsAlsoInvalidWhenStrict(string text) =>
        ScimExceptionAssert.Throws(ScimErrorType.InvalidFilter, () => FilterParser.Parse(text, FilterParseOptions.Strict));

    [Theory]
    [MemberData(nameof(StrictOnlyInvalidTexts))]
    public void Parse_BareWordOrRawControlCharacter_IsInvalidWhenStrict(string text)
    {
        var (position, fragment) = FilterParserInvalidCases.StrictOnly[text];

        var error = ScimExceptionAssert.Throws(ScimErrorType.InvalidFilter, () => FilterParser.Parse(text, FilterParseOptions.Strict));

        Assert.Equal(position, ScimExceptionAssert.PositionOf(error));
        Assert.Contains(fragment, error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StrictOnlyInvalidTexts))]
    public void Parse_StrictOnlyInvalidFilter_IsAcceptedWhenLenient(string text) =>
        Assert.NotNull(FilterParser.Parse(text, FilterParseOptions.Default));

    [Theory]
    [InlineData("userName eq \"bjensen\"")]
    [InlineData("active eq TRUE")]
    [InlineData("a eq null")]
    [InlineData("a eq -2.5e3")]
    [InlineData("emails[type eq \"work\" and value co \"@x\"]")]
    [InlineData("not (a pr)")]
    public void Parse_RfcFilter_IsTheSameWhenStrict(string text) =>
        Assert.Equal(FilterParser.Parse(text), FilterParser.Parse(text, FilterParseOptions.Strict));

    [Fact]
    public void Parse_WithoutOptions_IsLenient() =>
        Assert.Equal(Eq("externalId", "jyoung"), FilterParser.Parse("externalId eq jyoung", null));

    [Fact]
    public void Parse_NotWithoutParentheses_IsInvalidFilter()
    {
        var error = ScimExceptionAssert.Throws(ScimErrorType.InvalidFilter, () => FilterParser.Parse("not userName pr"));

        Assert.Contains("not (filter)", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnexpectedCloser_NamesPositionAndExpectation() =>
        Assert.Equal(
            "Unexpected ')' at position 17; expected an attribute path, '(' or 'not'.",
            Assert.Throws<ScimException>(() => FilterParser.Parse("userName pr and )")).Detail);

    [Fact]
    public void Parse_NestingAtTheLimit_IsAccepted()
    {
        var depth = FilterParser.MaxNestingDepth;
        var text = new string('(', depth) + "a pr" + new string(')', depth);

        Assert.Equal(Pr("a"), FilterParser.Parse(text));
    }

    [Fact]
    public void Parse_NestingBeyondTheLimit_IsInvalidFilter()
    {
        var depth = FilterParser.MaxNestingDepth + 1;
        var text = new string('(', depth) + "a pr" + new string(')', depth);

        var error = ScimExceptionAssert.Throws(ScimErrorType.InvalidFilter, () => FilterParser.Parse(text));

        Assert.Equal(FilterParser.MaxNestingDepth + 1, ScimExceptionAssert.PositionOf(error));
        Assert.Contains("nests deeper than 64", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not (", ")")]
    [InlineData("(", ")")]
    [InlineData("a[(", ")]")]
    public void Parse_HugeNesting_IsInvalidFilterNotAStackOverflow(string open, string close)
    {
        var text = string.Concat(Enumerable.Repeat(open, 100_000)) + "a pr" + string.Concat(Enumerable.Repeat(close, 100_000));

        ScimExceptionAssert.Throws(ScimErrorType.InvalidFilter, () => FilterParser.Parse(text));
    }

    [Fact]
    public void Parse_LogicalOperatorsAtTheLimit_IsAccepted()
    {
        var text = string.Join(" or ", Enumerable.Repeat("a pr", FilterParser.MaxLogicalOperators + 1));

        Assert.IsType<OrFilter>(FilterParser.Parse(text));
    }

    [Fact]
    public void Parse_TooManyLogicalOperators_IsInvalidFilter()
    {
        var text = string.Join(" and ", Enumerable.Repeat("a pr", FilterParser.MaxLogicalOperators + 2));

        var error = ScimExceptionAssert.Throws(ScimErrorType.InvalidFilter, () => FilterParser.Parse(text));

        Assert.Contains("more than 1000", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Null_IsAnArgumentError() => Assert.Throws<ArgumentNullException>(() => FilterParser.Parse(null!));

    [Fact]
    public void Parse_KeepsNamesAsWritten()
    {
        var filter = Assert.IsType<ComparisonFilter>(FilterParser.Parse("NaMe.GiVeNnAmE eq \"x\""));

        Assert.Equal("NaMe", filter.Path.Name);
        Assert.Equal("GiVeNnAmE", filter.Path.SubAttribute);
    }

    [Fact]
    public void Parse_UrnPath_SplitsAtTheLastColon()
    {
        var filter = Assert.IsType<ComparisonFilter>(FilterParser.Parse("urn:a:b.c:d.e eq 1"));

        Assert.Equal(Urn("urn:a:b.c", "d.e"), filter.Path);
    }

    [Fact]
    public void Parse_Decimal_KeepsItsScale()
    {
        var filter = Assert.IsType<ComparisonFilter>(FilterParser.Parse("a eq 1.50"));

        Assert.Equal("1.50", Assert.IsType<NumberValue>(filter.Value).ToString());
    }
}
