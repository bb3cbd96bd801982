using Scim.Api.Core.Filters;
using Scim.Api.Core.Paging;
using static Scim.Api.Tests.Storage.FilterBuilder;

namespace Scim.Api.Tests.Storage;

/// <summary>
/// caseExact=false text compares and sorts by one rule in every store: full Unicode case folding and NFKC
/// (the SQLite store's <c>TextFolding</c>), for unique attributes and for every other one alike.
/// </summary>
public abstract partial class ResourceStoreContractTests
{
    public static readonly TheoryData<string, string[]> UnicodeFoldingFilters = new()
    {
        { "displayName eq \"STRASSE\"", ["strasse"] },
        { "displayName co \"SS\"", ["strasse"] },
        { "displayName eq \"abc\"", ["fullwidth"] },
        { "displayName eq \"ÉMILE\"", ["combining"] },
        { "displayName sw \"émi\"", ["combining"] },
        { "name.familyName eq \"MÜLLER\"", ["strasse"] },
        { "emails.value eq \"ΣΊΣΥΦΟΣ@EXAMPLE.COM\"", ["fullwidth"] },
        { "displayName gt \"Z\"", ["combining", "omega"] },
        { "displayName lt \"B\"", ["fullwidth"] },
        { "displayName ne \"strasse\"", ["fullwidth", "combining", "omega"] },
        { "userName eq \"ＦＵＬＬ\"", ["fullwidth"] },
    };

    [Theory]
    [MemberData(nameof(UnicodeFoldingFilters))]
    public async Task Query_CaseInsensitiveText_FoldsCaseFullyAndNormalizesCompatibilityForms(string filter, string[] expected)
    {
        await CreateFoldingDatasetAsync();

        Assert.Equal(expected, await QueryIdsAsync(UserType, FilterParser.Parse(filter)));
    }

    [Fact]
    public async Task Query_SortedByCaseInsensitiveText_OrdersTheFoldedText()
    {
        await CreateFoldingDatasetAsync();

        Assert.Equal(["fullwidth", "strasse", "combining", "omega"], await QueryIdsAsync(UserType, null, new SortSpec(Path("displayName"), false)));
    }

    // Folded: "ABC", "STRASSE", "ÉMILE" (composed), "ΩMEGA"; ordered as UTF-8 bytes.
    private async Task CreateFoldingDatasetAsync()
    {
        var strasse = UserDocument("strasse", "Straße");
        strasse["name"] = new System.Text.Json.Nodes.JsonObject { ["familyName"] = "müller" };
        await CreateUserAsync("strasse", strasse);
        var fullwidth = UserDocument("full", "ＡＢＣ");
        fullwidth["emails"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["value"] = "σίσυφος@example.com" });
        await CreateUserAsync("fullwidth", fullwidth);
        await CreateUserAsync("combining", UserDocument("emile", "e\u0301mile"));
        await CreateUserAsync("omega", UserDocument("omega", "ωmega"));
    }
}
