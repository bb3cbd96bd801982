using Scim.Api.Core.Versioning;

namespace Scim.Api.Tests.Core.Versioning;

public sealed class EntityTagTests
{
    [Theory]
    [InlineData(0L, "W/\"0\"")]
    [InlineData(1L, "W/\"1\"")]
    [InlineData(long.MaxValue, "W/\"9223372036854775807\"")]
    public void Format_IsAWeakTagOfTheCounter(long version, string expected) => Assert.Equal(expected, EntityTag.Format(version));

    [Theory]
    [InlineData("W/\"7\"", 7L)]
    [InlineData("w/\"7\"", 7L)]
    [InlineData("\"7\"", 7L)]
    [InlineData("7", 7L)]
    [InlineData("  W/\"42\"  ", 42L)]
    public void TryParse_ReadsWeakStrongAndBareForms(string text, long expected)
    {
        Assert.True(EntityTag.TryParse(text, out var version));
        Assert.Equal(expected, version);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("W/")]
    [InlineData("\"abc\"")]
    [InlineData("\"-1\"")]
    [InlineData("\"1.5\"")]
    [InlineData("W/\"99999999999999999999\"")]
    public void TryParse_RejectsWhatIsNotOneOfOurVersions(string? text) => Assert.False(EntityTag.TryParse(text, out _));

    [Fact]
    public void Format_ThenParse_RoundTrips()
    {
        foreach (var version in new[] { 0L, 1L, 12345L, long.MaxValue })
        {
            Assert.True(EntityTag.TryParse(EntityTag.Format(version), out var parsed));
            Assert.Equal(version, parsed);
        }
    }
}
