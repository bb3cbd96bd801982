using Scim.Api.Core.Errors;
using Scim.Api.Core.Paging;

namespace Scim.Api.Tests.Core.Paging;

public sealed class PageRequestTests
{
    // RFC 7644 §3.4.2.4: startIndex is 1-based and values below 1 mean 1; a count above the maximum is capped;
    // a negative count means 0; count absent means the service's default.
    [Theory]
    [InlineData(null, null, 1000, 1, 100)]
    [InlineData(1, 10, 1000, 1, 10)]
    [InlineData(0, 10, 1000, 1, 10)]
    [InlineData(-5, 10, 1000, 1, 10)]
    [InlineData(99901, 100, 1000, 99901, 100)]
    [InlineData(1, 0, 1000, 1, 0)]
    [InlineData(1, -3, 1000, 1, 0)]
    [InlineData(1, 5000, 1000, 1, 1000)]
    [InlineData(null, null, 50, 1, 50)]
    public void Create_NormalizesStartIndexAndCount(int? startIndex, int? count, int maxResults, int expectedStart, int expectedCount)
    {
        var page = PageRequest.Create(startIndex, count, maxResults);
        Assert.Equal(expectedStart, page.StartIndex);
        Assert.Equal(expectedCount, page.Count);
        Assert.Equal(expectedStart - 1L, page.Offset);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("12", 12)]
    [InlineData(" 7 ", 7)]
    [InlineData("-4", -4)]
    [InlineData("99999999999999", int.MaxValue)]
    [InlineData("-99999999999999", int.MinValue)]
    [InlineData("2.9", 2)]
    [InlineData("1e3", 1000)]
    public void ParseLenient_ClampsNumbers(string? text, int? expected) => Assert.Equal(expected, PageRequest.ParseLenient(text, "count"));

    [Theory]
    [InlineData("lots")]
    [InlineData("0x10")]
    [InlineData("ten")]
    public void ParseLenient_OfText_IsInvalidValueNamingTheParameter(string text)
    {
        var error = Assert.Throws<ScimException>(() => PageRequest.ParseLenient(text, "startIndex"));
        Assert.Equal(400, error.Status);
        Assert.Equal(ScimErrorType.InvalidValue, error.ScimType);
        Assert.Contains("startIndex", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("descending", true)]
    [InlineData("DESCENDING", true)]
    [InlineData(" descending ", true)]
    [InlineData("ascending", false)]
    [InlineData(null, false)]
    [InlineData("sideways", false)]
    public void SortOrder_IsAscendingUnlessDescending(string? text, bool descending) => Assert.Equal(descending, SortSpec.IsDescending(text));
}
