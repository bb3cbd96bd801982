using System.Net;
using System.Net.Http.Headers;
using Scim.Api.Hosting.Admin;
using Scim.Api.Hosting.Auth;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Endpoints;

public sealed class AdminTests(ScimApiFactory factory) : IClassFixture<ScimApiFactory>
{
    public static TheoryData<string, string> AdminRequests => new()
    {
        { "GET", "/admin/v1/audit" },
        { "GET", "/admin/v1/tenants/tenant-a/deleted" },
        { "POST", "/admin/v1/tenants/tenant-a/Users/some-id/restore" },
    };

    private static HttpRequestMessage Request(string method, string path, string? token)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    [Theory]
    [MemberData(nameof(AdminRequests))]
    public async Task AdminEndpoints_WithoutAToken_Are401WithAChallenge(string method, string path)
    {
        using var client = factory.CreateClient();

        var response = await client.SendAsync(Request(method, path, null));

        await response.AssertScimErrorAsync(401);
        Assert.Contains("scim-admin", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AdminRequests))]
    public async Task AdminEndpoints_RefuseEveryProvisioningToken(string method, string path)
    {
        using var client = factory.CreateClient();

        foreach (var token in new[] { factory.WriteToken, factory.ReadOnlyToken, factory.OtherTenantToken })
        {
            var response = await client.SendAsync(Request(method, path, token));
            await response.AssertScimErrorAsync(401);
        }
    }

    [Fact]
    public async Task AdminEndpoints_AcceptTheAdminToken()
    {
        using var admin = factory.CreateAdminClient();

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/v1/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/v1/tenants/tenant-a/deleted")).StatusCode);
        await (await admin.RestoreAsync("Users", "not-deleted")).AssertScimErrorAsync(404);
    }

    [Theory]
    [InlineData("GET", "/scim/v2/Users")]
    [InlineData("POST", "/scim/v2/Users")]
    [InlineData("GET", "/scim/v2/Groups")]
    [InlineData("DELETE", "/scim/v2/Users/some-id")]
    [InlineData("GET", "/scim/v2/ServiceProviderConfig")]
    public async Task ProvisioningEndpoints_RefuseTheAdminToken(string method, string path)
    {
        using var client = factory.CreateClient();
        var request = Request(method, path, factory.AdminToken);
        if (method == "POST")
        {
            request.Content = ScimHttp.Json("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"admin-attempt"}""");
        }

        var response = await client.SendAsync(request);

        await response.AssertScimErrorAsync(401);
    }

    [Theory]
    [InlineData("/admin/v1/audit?from=yesterday", "from")]
    [InlineData("/admin/v1/audit?to=10/10/2025", "to")]
    [InlineData("/admin/v1/audit?resourceType=Printers", "resourceType")]
    [InlineData("/admin/v1/audit?count=many", "count")]
    [InlineData("/admin/v1/tenants/tenant-a/deleted?resourceType=Printers", "resourceType")]
    public async Task AdminQueries_WithABadParameter_Are400NamingIt(string path, string parameter)
    {
        using var admin = factory.CreateAdminClient();

        var response = await admin.GetAsync(path);

        await response.AssertScimErrorAsync(400, "invalidValue");
        Assert.Contains(parameter, (await response.BodyAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_OfAnUnknownResourceType_Is404()
    {
        using var admin = factory.CreateAdminClient();

        await (await admin.RestoreAsync("Printers", "p1")).AssertScimErrorAsync(404);
    }

    [Fact]
    public void AdminTokenOptions_WithAMalformedHashOrNoId_AreRefusedNamingTheKey()
    {
        var options = new AdminTokenOptions { Tokens = [new AdminToken { Id = "ops", Hash = "sha256:abc" }, new AdminToken { Hash = TokenHash.Compute("x") }] };

        var result = new AdminTokenOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Scim:Admin:Tokens:0:Hash", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Scim:Admin:Tokens:1:Id", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void AdminTokenOptions_None_AreValid_TheAdminApiThenRefusesEveryone()
    {
        Assert.True(new AdminTokenOptionsValidator().Validate(null, new AdminTokenOptions()).Succeeded);
    }
}
