using System.Net;
using System.Text.Json.Nodes;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Endpoints;

/// <summary>Each test creates users under its own prefix and filters on it, so tests sharing a store stay independent.</summary>
public sealed class ListAndSearchTests(ScimApiFactory factory) : IClassFixture<ScimApiFactory>
{
    private async Task<(HttpClient Client, string Prefix, List<JsonObject> Users)> SeedAsync(int count)
    {
        var client = factory.CreateScimClient();
        var prefix = ScimHttp.UniqueName("list");
        var users = new List<JsonObject>();
        for (var i = 0; i < count; i++)
        {
            users.Add(await client.CreateUserAsync($"{prefix}-{i:D3}", $$""","title":"T{{count - i:D3}}","emails":[{"value":"u{{i}}@{{prefix}}.example","type":"work"}]"""));
        }

        return (client, prefix, users);
    }

    private static async Task<JsonObject> ListAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/scim/v2/Users?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.BodyAsync();
    }

    [Fact]
    public async Task Paging_IsOneBased_WithExactTotalsAndItemsPerPage()
    {
        var (client, prefix, _) = await SeedAsync(5);
        var page = await ListAsync(client, $"filter=userName sw \"{prefix}\"&startIndex=2&count=2");
        Assert.Equal(5, page["totalResults"]!.GetValue<long>());
        Assert.Equal(2, page["startIndex"]!.GetValue<int>());
        Assert.Equal(2, page["itemsPerPage"]!.GetValue<int>());
        Assert.Equal($"{prefix}-001", page["Resources"]![0]!["userName"]!.GetValue<string>());

        var clamped = await ListAsync(client, $"filter=userName sw \"{prefix}\"&startIndex=-4&count=1");
        Assert.Equal(1, clamped["startIndex"]!.GetValue<int>());
        Assert.Equal($"{prefix}-000", clamped["Resources"]![0]!["userName"]!.GetValue<string>());
    }

    [Fact]
    public async Task CountZero_ReturnsOnlyTheTotal_AndResourcesIsAlwaysPresent()
    {
        var (client, prefix, _) = await SeedAsync(3);
        var totalOnly = await ListAsync(client, $"filter=userName sw \"{prefix}\"&count=0");
        Assert.Equal(3, totalOnly["totalResults"]!.GetValue<long>());
        Assert.Empty(totalOnly["Resources"]!.AsArray());

        var none = await ListAsync(client, "filter=userName eq \"nobody-at-all\"");
        Assert.Equal(0, none["totalResults"]!.GetValue<long>());
        Assert.NotNull(none["Resources"]);
        Assert.Empty(none["Resources"]!.AsArray());
    }

    [Fact]
    public async Task AbsurdCount_IsCappedAtMaxResults()
    {
        var (client, prefix, _) = await SeedAsync(2);
        var page = await ListAsync(client, $"filter=userName sw \"{prefix}\"&count=99999999999999");
        Assert.Equal(2, page["itemsPerPage"]!.GetValue<int>());
    }

    [Fact]
    public async Task NonNumericCount_Is400()
    {
        using var client = factory.CreateScimClient();
        await (await client.GetAsync("/scim/v2/Users?count=lots")).AssertScimErrorAsync(400, "invalidValue");
    }

    [Fact]
    public async Task Sorting_ByAttribute_AscendingAndDescending()
    {
        var (client, prefix, _) = await SeedAsync(3);
        var ascending = await ListAsync(client, $"filter=userName sw \"{prefix}\"&sortBy=title");
        Assert.Equal(["T001", "T002", "T003"], ascending["Resources"]!.AsArray().Select(r => r!["title"]!.GetValue<string>()));
        var descending = await ListAsync(client, $"filter=userName sw \"{prefix}\"&sortBy=title&sortOrder=descending");
        Assert.Equal(["T003", "T002", "T001"], descending["Resources"]!.AsArray().Select(r => r!["title"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Filter_OnMultiValuedSubAttribute_AndUnquotedValue_Works()
    {
        var (client, prefix, users) = await SeedAsync(3);
        var page = await ListAsync(client, $"filter=emails.Value eq u1@{prefix}.example");
        Assert.Equal(1, page["totalResults"]!.GetValue<long>());
        Assert.Equal(users[1].Id(), page["Resources"]![0]!.AsObject().Id());
    }

    [Fact]
    public async Task BrokenFilter_Is400InvalidFilter()
    {
        using var client = factory.CreateScimClient();
        await (await client.GetAsync("/scim/v2/Users?filter=userName eq")).AssertScimErrorAsync(400, "invalidFilter");
        await (await client.GetAsync("/scim/v2/Users?filter=(userName eq \"x\"")).AssertScimErrorAsync(400, "invalidFilter");
    }

    [Fact]
    public async Task Attributes_ProjectTheList_ButIdIsAlwaysReturned()
    {
        var (client, prefix, _) = await SeedAsync(1);
        var page = await ListAsync(client, $"filter=userName sw \"{prefix}\"&attributes=userName");
        var resource = page["Resources"]![0]!.AsObject();
        Assert.NotNull(resource["id"]);
        Assert.NotNull(resource["userName"]);
        Assert.Null(resource["title"]);
        Assert.Null(resource["emails"]);
    }

    [Fact]
    public async Task DotSearch_OnTheResourceType_TakesTheBody()
    {
        var (client, prefix, _) = await SeedAsync(3);
        var response = await client.PostAsync("/scim/v2/Users/.search", ScimHttp.Json($$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
             "filter":"userName sw \"{{prefix}}\"","attributes":["userName"],"sortBy":"userName","sortOrder":"descending","startIndex":1,"count":2}
            """));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.BodyAsync();
        Assert.Equal(3, body["totalResults"]!.GetValue<long>());
        Assert.Equal($"{prefix}-002", body["Resources"]![0]!["userName"]!.GetValue<string>());
        Assert.Null(body["Resources"]![0]!["title"]);
    }

    [Fact]
    public async Task DotSearch_AtTheRoot_SpansResourceTypes()
    {
        using var client = factory.CreateScimClient();
        var name = ScimHttp.UniqueName("root");
        await client.CreateUserAsync(name, $$""","displayName":"{{name}}" """);
        await client.CreateGroupAsync(name);
        var response = await client.PostAsync("/scim/v2/.search", ScimHttp.Json($$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"displayName eq \"{{name}}\""}
            """));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.BodyAsync();
        Assert.Equal(2, body["totalResults"]!.GetValue<long>());
        var types = body["Resources"]!.AsArray().Select(r => r!["meta"]!["resourceType"]!.GetValue<string>()).Order().ToList();
        Assert.Equal(["Group", "User"], types);
    }

    [Theory]
    [InlineData("/scim/v2/users")]
    [InlineData("/scim/v2/Users/")]
    [InlineData("/SCIM/V2/USERS")]
    [InlineData("/scim/v2/Users?aadOptscim062020")]
    public async Task Paths_MatchInAnyCase_WithTrailingSlash_AndUnknownParameters(string path)
    {
        using var client = factory.CreateScimClient();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await response.BodyAsync())["Resources"]);
    }
}
