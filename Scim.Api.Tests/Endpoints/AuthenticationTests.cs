using System.Net;
using System.Net.Http.Headers;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Endpoints;

public sealed class AuthenticationTests(ScimApiFactory factory) : IClassFixture<ScimApiFactory>
{
    [Theory]
    [InlineData("/scim/v2/Users")]
    [InlineData("/scim/v2/Groups")]
    [InlineData("/scim/v2/ServiceProviderConfig")]
    [InlineData("/scim/v2/Schemas")]
    [InlineData("/scim/v2/ResourceTypes")]
    public async Task Request_WithoutToken_Is401WithScimBodyAndChallenge(string path)
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(path);
        await response.AssertScimErrorAsync(401);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bearer not-a-valid-token")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ")]
    [InlineData("Bearer")]
    [InlineData("garbage")]
    public async Task Request_WithInvalidAuthorization_Is401(string header)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/scim/v2/Users");
        request.Headers.TryAddWithoutValidation("Authorization", header);
        var response = await client.SendAsync(request);
        await response.AssertScimErrorAsync(401);
    }

    [Fact]
    public async Task Request_WithHugeToken_Is401NotServerError()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", new string('a', 20_000));
        var response = await client.GetAsync("/scim/v2/Users");
        await response.AssertScimErrorAsync(401);
    }

    [Fact]
    public async Task ReadOnlyToken_CanRead_ButWriteIs403()
    {
        using var client = factory.CreateScimClient(factory.ReadOnlyToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/scim/v2/Users")).StatusCode);
        var response = await client.PostAsync("/scim/v2/Users", ScimHttp.Json("""{"userName":"readonly-attempt"}"""));
        await response.AssertScimErrorAsync(403);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task HealthEndpoints_AnswerWithoutToken(string path)
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OtherTenant_CannotSeeResources()
    {
        using var writer = factory.CreateScimClient();
        using var other = factory.CreateScimClient(factory.OtherTenantToken);
        var user = await writer.CreateUserAsync(ScimHttp.UniqueName());

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/scim/v2/Users/{user.Id()}")).StatusCode);
        var list = await (await other.GetAsync($"/scim/v2/Users?filter=id eq \"{user.Id()}\"")).BodyAsync();
        Assert.Equal(0, list["totalResults"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/scim/v2/Users/{user.Id()}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await writer.GetAsync($"/scim/v2/Users/{user.Id()}")).StatusCode);
    }
}
