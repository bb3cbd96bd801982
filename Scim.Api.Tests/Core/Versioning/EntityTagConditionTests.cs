using Scim.Api.Core.Versioning;

namespace Scim.Api.Tests.Core.Versioning;

public sealed class EntityTagConditionTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_OfNoHeader_IsNoCondition(string? header) => Assert.Null(EntityTagCondition.Parse(header));

    [Fact]
    public void Star_MatchesEveryVersion()
    {
        var condition = EntityTagCondition.Parse("*")!;
        Assert.True(condition.MatchesAny);
        Assert.True(condition.Matches(1));
        Assert.True(condition.Matches(99));
    }

    // RFC 7644 §3.14 uses weak tags; clients copy meta.version with or without "W/". Weak comparison
    // (RFC 9110 §8.8.3.2) treats W/"3" and "3" as the same version: this pins that decision.
    [Theory]
    [InlineData("W/\"3\"")]
    [InlineData("\"3\"")]
    [InlineData("3")]
    public void WeakPrefix_IsIgnoredInComparison(string header) => Assert.True(EntityTagCondition.Parse(header)!.Matches(3));

    [Fact]
    public void List_MatchesAnyOfItsVersions()
    {
        var condition = EntityTagCondition.Parse("W/\"1\", \"4\" , W/\"9\"")!;
        Assert.False(condition.MatchesAny);
        Assert.True(condition.Matches(1));
        Assert.True(condition.Matches(4));
        Assert.True(condition.Matches(9));
        Assert.False(condition.Matches(2));
        Assert.Equal(3, condition.Versions.Count);
    }

    [Fact]
    public void ForeignTags_NeverMatch()
    {
        var condition = EntityTagCondition.Parse("\"abc\", W/\"x,y\"")!;
        Assert.False(condition.MatchesAny);
        Assert.Empty(condition.Versions);
        Assert.False(condition.Matches(0));
    }
}
