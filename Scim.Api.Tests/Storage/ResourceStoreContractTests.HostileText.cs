using static Scim.Api.Tests.Storage.FilterBuilder;

namespace Scim.Api.Tests.Storage;

public abstract partial class ResourceStoreContractTests
{
    private static readonly string[] HostileNames =
    [
        "O'Brien",
        "\"quoted\"",
        "100%",
        "under_score",
        "semi;colon",
        "-- comment",
        "'; DROP TABLE resources; --",
        "nul\0byte",
        "emoji 😀",
        "back\\slash",
        "$.\"path\"",
        ") OR 1=1 --",
    ];

    [Fact]
    public async Task Query_ForHostileText_FindsExactlyTheResourceHoldingIt()
    {
        await CreateUserAsync("plain", "plain", "plain");
        for (var i = 0; i < HostileNames.Length; i++)
        {
            await CreateUserAsync($"h{i}", HostileNames[i], $"display {HostileNames[i]}");
        }

        for (var i = 0; i < HostileNames.Length; i++)
        {
            Assert.Equal([$"h{i}"], await QueryIdsAsync(UserType, Eq("userName", HostileNames[i])));
            Assert.Equal([$"h{i}"], await QueryIdsAsync(UserType, Ew("displayName", HostileNames[i])));
            Assert.Contains($"h{i}", await QueryIdsAsync(UserType, Co("displayName", HostileNames[i])));
        }

        Assert.Equal(HostileNames.Length + 1, (await QueryIdsAsync(UserType, null)).Length);
    }

    [Theory]
    [InlineData("%", new[] { "h2" })]
    [InlineData("_", new[] { "h3" })]
    [InlineData("\0", new[] { "h7" })]
    [InlineData("'", new[] { "h0", "h6" })]
    public async Task Query_ContainsWithLikeWildcardsOrQuotes_MatchesThemLiterally(string text, string[] expected)
    {
        for (var i = 0; i < HostileNames.Length; i++)
        {
            await CreateUserAsync($"h{i}", HostileNames[i]);
        }

        Assert.Equal(expected, await QueryIdsAsync(UserType, Co("userName", text)));
    }
}
