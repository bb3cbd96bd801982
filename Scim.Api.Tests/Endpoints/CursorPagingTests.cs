using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Endpoints;

/// <summary>RFC 9865 cursor paging through the HTTP API, on a fake clock so that cursors can expire.</summary>
public sealed class CursorPagingTests : IClassFixture<ScimApiFactory>, IDisposable
{
    private readonly ScimApiFactory _factory;
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly WebApplicationFactory<Program> _app;

    public CursorPagingTests(ScimApiFactory factory)
    {
        _factory = factory;
        _app = factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Scim:Cursor:SigningKey", Convert.ToBase64String(new byte[32]));
            builder.UseSetting("Scim:Cursor:LifetimeSeconds", "600");
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock));
        });
    }

    public void Dispose() => _app.Dispose();

    private HttpClient Client(string? token = null) => _app.ScimClient(token ?? _factory.WriteToken);

    private static async Task<(HttpClient Client, string Filter, List<string> UserNames)> SeedAsync(HttpClient client, int count)
    {
        var prefix = ScimHttp.UniqueName("cursor");
        var names = new List<string>();
        for (var i = 0; i < count; i++)
        {
            names.Add((await client.CreateUserAsync($"{prefix}-{i:D2}"))["userName"]!.GetValue<string>());
        }

        return (client, Uri.EscapeDataString($"userName sw \"{prefix}\""), names);
    }

    private static async Task<JsonObject> OkAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/scim/v2/Users?" + query);
        var body = await response.BodyAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, string scimType)
    {
        var body = await response.BodyAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(scimType, body["scimType"]?.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(body["detail"]?.GetValue<string>()));
    }

    private static string[] UserNames(JsonObject page) => [.. page["Resources"]!.AsArray().Select(r => r!["userName"]!.GetValue<string>())];

    private static string Cursor(JsonObject page, string name) => Uri.EscapeDataString(page[name]!.GetValue<string>());

    [Fact]
    public async Task EmptyCursor_FollowingNextCursor_ReadsEveryResourceOnce_ThenPreviousCursorGoesBack()
    {
        var (client, filter, names) = await SeedAsync(Client(), 7);

        var first = await OkAsync(client, $"filter={filter}&cursor=&count=3");
        Assert.Equal(names.Take(3), UserNames(first));
        Assert.Equal(7, first["totalResults"]!.GetValue<long>());
        Assert.Equal(3, first["itemsPerPage"]!.GetValue<int>());
        Assert.Null(first["startIndex"]);
        Assert.Null(first["previousCursor"]);

        var second = await OkAsync(client, $"filter={filter}&cursor={Cursor(first, "nextCursor")}&count=3");
        var third = await OkAsync(client, $"filter={filter}&cursor={Cursor(second, "nextCursor")}&count=3");
        Assert.Equal(names.Skip(3).Take(3), UserNames(second));
        Assert.Equal(names.Skip(6), UserNames(third));
        Assert.Null(third["nextCursor"]);

        var back = await OkAsync(client, $"filter={filter}&cursor={Cursor(third, "previousCursor")}&count=3");
        Assert.Equal(UserNames(second), UserNames(back));
        var start = await OkAsync(client, $"filter={filter}&cursor={Cursor(back, "previousCursor")}&count=3");
        Assert.Equal(UserNames(first), UserNames(start));
        Assert.Null(start["previousCursor"]);
        Assert.NotNull(start["nextCursor"]);
    }

    [Fact]
    public async Task Cursor_WithASort_PagesInThatOrder()
    {
        var (client, filter, names) = await SeedAsync(Client(), 5);
        var query = $"filter={filter}&sortBy=userName&sortOrder=descending&count=2";

        var first = await OkAsync(client, $"{query}&cursor=");
        var second = await OkAsync(client, $"{query}&cursor={Cursor(first, "nextCursor")}");
        var third = await OkAsync(client, $"{query}&cursor={Cursor(second, "nextCursor")}");

        Assert.Equal(Enumerable.Reverse(names), [.. UserNames(first), .. UserNames(second), .. UserNames(third)]);
    }

    [Fact]
    public async Task Search_WithACursorInTheBody_PagesLikeTheQueryString()
    {
        var (client, _, names) = await SeedAsync(Client(), 3);
        var filter = $"userName sw \\\"{names[0][..^3]}\\\"";

        async Task<JsonObject> SearchAsync(string cursor)
        {
            var response = await client.PostAsync("/scim/v2/Users/.search", ScimHttp.Json(
                $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"{{filter}}","count":2,"cursor":"{{cursor}}"}"""));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.BodyAsync();
        }

        var first = await SearchAsync("");
        var second = await SearchAsync(first["nextCursor"]!.GetValue<string>());

        Assert.Equal(names, [.. UserNames(first), .. UserNames(second)]);
        Assert.Null(second["nextCursor"]);
        Assert.NotNull(second["previousCursor"]);
    }

    [Fact]
    public async Task Cursor_WithOneCharacterChanged_IsAnInvalidCursor()
    {
        var (client, filter, _) = await SeedAsync(Client(), 3);
        var next = (await OkAsync(client, $"filter={filter}&cursor=&count=1"))["nextCursor"]!.GetValue<string>();
        var middle = next.Length / 2;
        var tampered = next[..middle] + (next[middle] == 'x' ? 'y' : 'x') + next[(middle + 1)..];

        await AssertErrorAsync(await client.GetAsync($"/scim/v2/Users?filter={filter}&count=1&cursor={Uri.EscapeDataString(tampered)}"), "invalidCursor");
    }

    [Fact]
    public async Task Cursor_ReusedWithAnotherFilterOrSort_IsAnInvalidCursor()
    {
        var (client, filter, names) = await SeedAsync(Client(), 3);
        var next = Cursor(await OkAsync(client, $"filter={filter}&cursor=&count=1"), "nextCursor");
        var otherFilter = Uri.EscapeDataString($"userName eq \"{names[0]}\"");

        await AssertErrorAsync(await client.GetAsync($"/scim/v2/Users?filter={otherFilter}&count=1&cursor={next}"), "invalidCursor");
        await AssertErrorAsync(await client.GetAsync($"/scim/v2/Users?filter={filter}&sortBy=userName&count=1&cursor={next}"), "invalidCursor");
        await AssertErrorAsync(await client.GetAsync($"/scim/v2/Groups?count=1&cursor={next}"), "invalidCursor");
    }

    [Fact]
    public async Task Cursor_FromAnotherTenant_IsAnInvalidCursor()
    {
        var (client, filter, _) = await SeedAsync(Client(), 3);
        var next = Cursor(await OkAsync(client, $"filter={filter}&cursor=&count=1"), "nextCursor");

        using var other = Client(_factory.OtherTenantToken);
        await AssertErrorAsync(await other.GetAsync($"/scim/v2/Users?filter={filter}&count=1&cursor={next}"), "invalidCursor");
    }

    [Fact]
    public async Task Cursor_OlderThanTheCursorTimeout_IsAnExpiredCursor()
    {
        var (client, filter, _) = await SeedAsync(Client(), 3);
        var next = Cursor(await OkAsync(client, $"filter={filter}&cursor=&count=1"), "nextCursor");

        _clock.Advance(TimeSpan.FromSeconds(599));
        await OkAsync(client, $"filter={filter}&count=1&cursor={next}");
        _clock.Advance(TimeSpan.FromSeconds(2));

        await AssertErrorAsync(await client.GetAsync($"/scim/v2/Users?filter={filter}&count=1&cursor={next}"), "expiredCursor");
    }

    [Theory]
    [InlineData("cursor=&startIndex=1")]
    [InlineData("startIndex=5&cursor=")]
    public async Task Cursor_WithStartIndex_IsAnInvalidValue(string query) =>
        await AssertErrorAsync(await Client().GetAsync($"/scim/v2/Users?{query}"), "invalidValue");

    [Fact]
    public async Task Cursor_AtTheServiceRoot_IsRefusedWithAReason()
    {
        var response = await Client().PostAsync("/scim/v2/.search", ScimHttp.Json(
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"cursor":""}"""));

        await AssertErrorAsync(response, "invalidCursor");
    }

    [Fact]
    public async Task WithoutACursor_IndexPagingIsUnchanged()
    {
        var (client, filter, names) = await SeedAsync(Client(), 3);

        var page = await OkAsync(client, $"filter={filter}&startIndex=2&count=1");

        Assert.Equal([names[1]], UserNames(page));
        Assert.Equal(2, page["startIndex"]!.GetValue<int>());
        Assert.Null(page["nextCursor"]);
    }

    [Fact]
    public async Task ServiceProviderConfig_AdvertisesBothPaginationMethods()
    {
        var config = await (await Client().GetAsync("/scim/v2/ServiceProviderConfig")).BodyAsync();

        var pagination = config["pagination"]!.AsObject();
        Assert.True(pagination["cursor"]!.GetValue<bool>());
        Assert.True(pagination["index"]!.GetValue<bool>());
        Assert.Equal("index", pagination["defaultPaginationMethod"]!.GetValue<string>());
        Assert.Equal(100, pagination["defaultPageSize"]!.GetValue<int>());
        Assert.Equal(config["filter"]!["maxResults"]!.GetValue<int>(), pagination["maxPageSize"]!.GetValue<int>());
        Assert.Equal(600, pagination["cursorTimeout"]!.GetValue<int>());
    }
}
