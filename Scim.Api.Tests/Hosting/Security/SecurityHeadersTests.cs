using System.Net;
using Scim.Api.Tests.Endpoints;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Hosting.Security;

/// <summary>Every response, success or error, SCIM or health, carries the security headers and no Server header.</summary>
public sealed class SecurityHeadersTests(ScimApiFactory factory) : IClassFixture<ScimApiFactory>
{
    public static TheoryData<string, string, string?, int> Requests => new()
    {
        { "GET", "/scim/v2/Users", null, 200 },
        { "POST", "/scim/v2/Users", """{"userName":"{name}"}""", 201 },
        { "GET", "/scim/v2/ServiceProviderConfig", null, 200 },
        { "GET", "/scim/v2/Users/does-not-exist", null, 404 },
        { "POST", "/scim/v2/Users", "{", 400 },
        { "PUT", "/scim/v2/Users", "{}", 405 },
        { "GET", "/scim/v2/Me", null, 501 },
        { "GET", "/health/live", null, 200 },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Response_CarriesTheSecurityHeaders(string method, string path, string? body, int status)
    {
        using var client = factory.CreateScimClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = ScimHttp.Json(body.Replace("{name}", ScimHttp.UniqueName(), StringComparison.Ordinal));
        }

        var response = await client.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Unauthorized_CarriesTheSecurityHeadersToo()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync("/scim/v2/Users");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Single(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Single(response, "Referrer-Policy"));
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", Single(response, "Content-Security-Policy"));
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.False(response.Headers.Contains("Server"));
    }

    private static string Single(HttpResponseMessage response, string name) =>
        Assert.Single(response.Headers.TryGetValues(name, out var values) ? values : []);
}
