using System.Net;
using System.Net.Http.Headers;
using System.Text;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Endpoints;

/// <summary>Bad input gets the right 4xx with a SCIM error body, never a 500, and never leaves anything half-written.</summary>
public sealed class BadInputTests : IClassFixture<BadInputTests.SmallLimitsFactory>
{
    private readonly SmallLimitsFactory _factory;

    public BadInputTests(SmallLimitsFactory factory) => _factory = factory;

    public sealed class SmallLimitsFactory : IDisposable
    {
        public SmallLimitsFactory()
        {
            Api = new ScimApiFactory();
            Api.Settings["Scim:MaxPayloadBytes"] = "4096";
            Api.Settings["Scim:MaxPatchOperations"] = "3";
        }

        public ScimApiFactory Api { get; }

        public void Dispose() => Api.Dispose();
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"userName\": }")]
    [InlineData("[1,2,3]")]
    [InlineData("\"just a string\"")]
    [InlineData("")]
    public async Task MalformedOrNonObjectBody_Is400(string body)
    {
        using var client = _factory.Api.CreateScimClient();
        var response = await client.PostAsync("/scim/v2/Users", ScimHttp.Json(body));
        await response.AssertScimErrorAsync(400);
    }

    [Fact]
    public async Task MissingRequiredAttribute_Is400()
    {
        using var client = _factory.Api.CreateScimClient();
        var response = await client.PostAsync("/scim/v2/Users", ScimHttp.Json("""{"displayName":"no user name"}"""));
        await response.AssertScimErrorAsync(400);
    }

    [Theory]
    [InlineData("""{"userName":{"a":1}}""")]
    [InlineData("""{"userName":"x-wrong-active","active":{"yes":true}}""")]
    [InlineData("""{"userName":"x-wrong-emails","emails":"not-a-list-of-objects"}""")]
    public async Task WrongTypes_Are400InvalidValue(string body)
    {
        using var client = _factory.Api.CreateScimClient();
        var response = await client.PostAsync("/scim/v2/Users", ScimHttp.Json(body));
        await response.AssertScimErrorAsync(400);
    }

    [Fact]
    public async Task UnsupportedContentType_Is415()
    {
        using var client = _factory.Api.CreateScimClient();
        var response = await client.PostAsync("/scim/v2/Users", new StringContent("""{"userName":"x"}""", Encoding.UTF8, "text/plain"));
        await response.AssertScimErrorAsync(415);
    }

    [Fact]
    public async Task PlainJsonAndMissingContentType_AreAccepted()
    {
        using var client = _factory.Api.CreateScimClient();
        var plain = await client.PostAsync("/scim/v2/Users", ScimHttp.Json($$"""{"userName":"{{ScimHttp.UniqueName()}}"}""", "application/json"));
        Assert.Equal(HttpStatusCode.Created, plain.StatusCode);

        var untyped = new ByteArrayContent(Encoding.UTF8.GetBytes($$"""{"userName":"{{ScimHttp.UniqueName()}}"}"""));
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/scim/v2/Users", untyped)).StatusCode);
    }

    [Fact]
    public async Task OversizedBody_Is413()
    {
        using var client = _factory.Api.CreateScimClient();
        var body = $$"""{"userName":"big","title":"{{new string('x', 8000)}}"}""";
        var response = await client.PostAsync("/scim/v2/Users", ScimHttp.Json(body));
        await response.AssertScimErrorAsync(413);
        var check = await (await client.GetAsync("/scim/v2/Users?filter=userName eq \"big\"")).BodyAsync();
        Assert.Equal(0, check["totalResults"]!.GetValue<long>());
    }

    [Fact]
    public async Task TooManyPatchOperations_Is400()
    {
        using var client = _factory.Api.CreateScimClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName());
        var ops = string.Join(",", Enumerable.Range(0, 4).Select(i => $$"""{"op":"replace","path":"title","value":"{{i}}"}"""));
        var response = await client.PatchAsync($"/scim/v2/Users/{user.Id()}",
            $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{{ops}}]}""");
        await response.AssertScimErrorAsync(400);
    }

    [Fact]
    public async Task UnknownResourceType_Is404()
    {
        using var client = _factory.Api.CreateScimClient();
        await (await client.GetAsync("/scim/v2/Widgets")).AssertScimErrorAsync(404);
        await (await client.PostAsync("/scim/v2/Widgets", ScimHttp.Json("{}"))).AssertScimErrorAsync(404);
    }

    [Fact]
    public async Task WrongMethod_Is405WithScimBody()
    {
        using var client = _factory.Api.CreateScimClient();
        await (await client.PutAsync("/scim/v2/Users", ScimHttp.Json("{}"))).AssertScimErrorAsync(405);
    }

    [Fact]
    public async Task AcceptPlainJsonOnly_GetsApplicationJson()
    {
        using var client = _factory.Api.CreateScimClient();
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var response = await client.GetAsync("/scim/v2/Users");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task DeeplyNestedJson_Is400()
    {
        using var client = _factory.Api.CreateScimClient();
        var body = "{\"userName\":\"deep\",\"x\":" + new string('[', 200) + new string(']', 200) + "}";
        await (await client.PostAsync("/scim/v2/Users", ScimHttp.Json(body))).AssertScimErrorAsync(400);
    }

    [Theory]
    [InlineData("""{"Operations":"not-an-array"}""")]
    [InlineData("""{"Operations":[{"op":"explode","path":"title"}]}""")]
    [InlineData("""{"Operations":[{"op":"replace","path":"title[[[","value":"x"}]}""")]
    [InlineData("""{"Operations":[{"op":"remove"}]}""")]
    [InlineData("""{"schemas":["urn:wrong"],"Operations":[]}""")]
    public async Task BadPatchBodies_Are400(string body)
    {
        using var client = _factory.Api.CreateScimClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName());
        var response = await client.PatchAsync($"/scim/v2/Users/{user.Id()}", body);
        await response.AssertScimErrorAsync(400);
    }
}
