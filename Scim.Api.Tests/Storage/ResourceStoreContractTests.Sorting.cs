using System.Text.Json.Nodes;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Paging;
using Scim.Api.Core.Storage;
using static Scim.Api.Tests.Storage.FilterBuilder;

namespace Scim.Api.Tests.Storage;

public abstract partial class ResourceStoreContractTests
{
    private static SortSpec Ascending(string path) => new(Path(path), false);

    private static SortSpec Descending(string path) => new(Path(path), true);

    [Fact]
    public async Task Query_WithoutASort_ReturnsResourcesInCreationOrder()
    {
        foreach (var name in new[] { "zoe", "adam", "mia", "bert" })
        {
            await CreateUserAsync($"id-{name}", name);
        }

        Assert.Equal(["id-zoe", "id-adam", "id-mia", "id-bert"], await QueryIdsAsync(UserType, null));
    }

    [Fact]
    public async Task Query_SortedByUserName_IgnoresCase()
    {
        await CreateUserAsync("1", "bob");
        await CreateUserAsync("2", "Alice");
        await CreateUserAsync("3", "carol");
        await CreateUserAsync("4", "ÉMILE");
        await CreateUserAsync("5", "david");

        Assert.Equal(["2", "1", "3", "5", "4"], await QueryIdsAsync(UserType, null, Ascending("userName")));
        Assert.Equal(["4", "5", "3", "1", "2"], await QueryIdsAsync(UserType, null, Descending("userName")));
    }

    [Fact]
    public async Task Query_SortedByACaseExactAttribute_UsesOrdinalOrder()
    {
        await CreateUserAsync("u1", WithExternalId("one", "b-2"));
        await CreateUserAsync("u2", WithExternalId("two", "B-1"));
        await CreateUserAsync("u3", WithExternalId("three", "a-3"));

        Assert.Equal(["u2", "u3", "u1"], await QueryIdsAsync(UserType, null, Ascending("externalId")));
    }

    [Fact]
    public async Task Query_SortedByASubAttribute_PutsResourcesWithoutAValueLastAscendingAndFirstDescending()
    {
        await CreateUserAsync("jensen", WithName("bjensen", "Jensen"));
        await CreateUserAsync("nameless", UserDocument("nameless"));
        await CreateUserAsync("adams", WithName("jadams", "adams"));
        await CreateUserAsync("empty", WithName("empty", null));
        await CreateUserAsync("zola", WithName("ezola", "Zola"));

        Assert.Equal(["adams", "jensen", "zola", "nameless", "empty"], await QueryIdsAsync(UserType, null, Ascending("name.familyName")));
        Assert.Equal(["nameless", "empty", "zola", "jensen", "adams"], await QueryIdsAsync(UserType, null, Descending("name.familyName")));
    }

    [Fact]
    public async Task Query_SortedByLastModified_OrdersByInstant()
    {
        await CreateUserAsync("u1", "first");
        await CreateUserAsync("u2", "second");
        await CreateUserAsync("u3", "third");
        await Store.UpdateAsync(new ResourceUpdate(UserKey("u1"), null, null, T0.AddDays(1)), 1, Ct);

        Assert.Equal(["u2", "u3", "u1"], await QueryIdsAsync(UserType, null, Ascending("meta.lastModified")));
        Assert.Equal(["u1", "u3", "u2"], await QueryIdsAsync(UserType, null, Descending("meta.lastModified")));
    }

    [Fact]
    public async Task Query_SortedByAMultiValuedAttribute_UsesThePrimaryValueElseTheFirst()
    {
        await CreateUserAsync("u1", WithEmails("one", ("z@example.com", false), ("a@example.com", true)));
        await CreateUserAsync("u2", WithEmails("two", ("m@example.com", false), ("b@example.com", false)));
        await CreateUserAsync("u3", WithEmails("three", ("C@example.com", false)));

        Assert.Equal(["u1", "u3", "u2"], await QueryIdsAsync(UserType, null, Ascending("emails")));
        Assert.Equal(["u1", "u3", "u2"], await QueryIdsAsync(UserType, null, Ascending("emails.value")));
    }

    [Fact]
    public async Task Query_SortedWithTies_KeepsCreationOrderAmongEqualValues()
    {
        await CreateUserAsync("u1", WithTitle("one", "B"));
        await CreateUserAsync("u2", WithTitle("two", "a"));
        await CreateUserAsync("u3", WithTitle("three", "b"));
        await CreateUserAsync("u4", WithTitle("four", "A"));

        Assert.Equal(["u2", "u4", "u1", "u3"], await QueryIdsAsync(UserType, null, Ascending("displayName")));
        Assert.Equal(["u1", "u3", "u2", "u4"], await QueryIdsAsync(UserType, null, Descending("displayName")));
    }

    [Fact]
    public async Task Query_SortedByAnUnknownAttribute_IsABadRequest()
    {
        var error = await ScimErrorAsync(() => QueryIdsAsync(UserType, null, Ascending("shoeSize")));

        Assert.Equal(400, error.Status);
        Assert.Contains("shoeSize", error.Detail, StringComparison.Ordinal);
    }

    private static JsonObject WithExternalId(string userName, string externalId)
    {
        var document = UserDocument(userName);
        document["externalId"] = externalId;
        return document;
    }

    private static JsonObject WithName(string userName, string? familyName)
    {
        var document = UserDocument(userName);
        document["name"] = new JsonObject { ["familyName"] = familyName, ["givenName"] = "x" };
        return document;
    }

    private static JsonObject WithTitle(string userName, string displayName) => UserDocument(userName, displayName);

    private static JsonObject WithEmails(string userName, params (string Value, bool Primary)[] emails)
    {
        var document = UserDocument(userName);
        document["emails"] = new JsonArray([.. emails.Select(e => new JsonObject { ["value"] = e.Value, ["primary"] = e.Primary })]);
        return document;
    }
}
