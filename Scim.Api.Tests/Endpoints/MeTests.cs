using System.Net;
using Scim.Api.Tests.Hosting.Auth;

namespace Scim.Api.Tests.Endpoints;

/// <summary>
/// /Me (RFC 7644 §3.11) serves the User whose configured attribute equals the credential's subject, in the
/// credential's tenant only; every answer names the User's permanent location. Without such a User: 501.
/// </summary>
public sealed class MeTests(IdentityApi api) : IClassFixture<IdentityApi>
{
    /// <summary>Okta credential (tenant-a): subject = sub, matched to userName.</summary>
    private HttpClient OktaUser(string subject, string scope = "scim.write")
    {
        var claims = TestIdentityProvider.OktaClaims(scope);
        claims["sub"] = subject;
        return api.Client(api.Idp.Mint(claims));
    }

    /// <summary>Entra app registration credential (tenant-b): subject = oid, matched to externalId.</summary>
    private HttpClient EntraAppUser(string objectId)
    {
        var claims = TestIdentityProvider.EntraAppClaims(IdentityApi.EntraAppWriteRole);
        claims["oid"] = objectId;
        return api.Client(api.Idp.Mint(claims));
    }

    [Fact]
    public async Task Get_ServesTheSubjectsUser_WithItsPermanentLocation()
    {
        using var admin = api.Client(api.Api.WriteToken);
        var userName = ScimHttp.UniqueName("me");
        var user = await admin.CreateUserAsync(userName);
        using var me = OktaUser(userName);

        var response = await me.GetAsync("/scim/v2/Me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.BodyAsync();
        Assert.Equal(user.Id(), body.Id());
        Assert.Equal(user["meta"]!["location"]!.GetValue<string>(), response.Headers.Location?.ToString());
        Assert.Equal(user["meta"]!["version"]!.GetValue<string>(), response.Headers.ETag?.ToString());
        Assert.EndsWith($"/scim/v2/Users/{user.Id()}", body["meta"]!["location"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetWithMatchingIfNoneMatch_Is304()
    {
        using var admin = api.Client(api.Api.WriteToken);
        var userName = ScimHttp.UniqueName("me");
        var user = await admin.CreateUserAsync(userName);
        using var me = OktaUser(userName);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/scim/v2/Me");
        request.Headers.TryAddWithoutValidation("If-None-Match", user["meta"]!["version"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotModified, (await me.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task PatchPutAndDelete_ActOnTheSubjectsUser()
    {
        using var admin = api.Client(api.Api.WriteToken);
        var userName = ScimHttp.UniqueName("me");
        var user = await admin.CreateUserAsync(userName);
        using var me = OktaUser(userName);

        var patch = await me.PatchAsync("/scim/v2/Me", $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"replace","path":"title","value":"Self-made"}]}""");
        Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);
        Assert.EndsWith($"/Users/{user.Id()}", patch.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal("Self-made", (await (await admin.GetAsync($"/scim/v2/Users/{user.Id()}")).BodyAsync())["title"]!.GetValue<string>());

        var put = await me.PutAsync("/scim/v2/Me", ScimHttp.Json($$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{userName}}","displayName":"Replaced"}"""));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var replaced = await put.BodyAsync();
        Assert.Equal(user.Id(), replaced.Id());
        Assert.Equal("Replaced", replaced["displayName"]!.GetValue<string>());
        Assert.Null(replaced["title"]);

        var delete = await me.DeleteAsync("/scim/v2/Me");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await (await admin.GetAsync($"/scim/v2/Users/{user.Id()}")).AssertScimErrorAsync(404);
        await (await me.GetAsync("/scim/v2/Me")).AssertScimErrorAsync(501);
    }

    [Fact]
    public async Task SubjectMatchedByExternalId_FindsTheUserOfTheCredentialsTenantOnly()
    {
        var objectId = Guid.NewGuid().ToString();
        using var tenantA = api.Client(api.Api.WriteToken);
        using var tenantB = api.Client(api.Api.OtherTenantToken);
        await tenantA.CreateUserAsync(ScimHttp.UniqueName("a"), $$""","externalId":"{{objectId}}" """);
        using var me = EntraAppUser(objectId);

        await (await me.GetAsync("/scim/v2/Me")).AssertScimErrorAsync(501);

        var mine = await tenantB.CreateUserAsync(ScimHttp.UniqueName("b"), $$""","externalId":"{{objectId}}" """);
        var response = await me.GetAsync("/scim/v2/Me");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mine.Id(), (await response.BodyAsync()).Id());
    }

    [Fact]
    public async Task SubjectMatchingTwoUsers_Is501()
    {
        var objectId = Guid.NewGuid().ToString();
        using var tenantB = api.Client(api.Api.OtherTenantToken);
        await tenantB.CreateUserAsync(ScimHttp.UniqueName("b"), $$""","externalId":"{{objectId}}" """);
        await tenantB.CreateUserAsync(ScimHttp.UniqueName("b"), $$""","externalId":"{{objectId}}" """);
        using var me = EntraAppUser(objectId);
        var response = await me.GetAsync("/scim/v2/Me");
        await response.AssertScimErrorAsync(501);
        Assert.Contains("exactly one", (await response.BodyAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    [InlineData("POST")]
    public async Task CredentialWithoutSubject_Is501WithScimError(string method)
    {
        using var client = api.Client(api.Api.WriteToken);
        using var request = new HttpRequestMessage(new HttpMethod(method), "/scim/v2/Me");
        if (method is "PUT" or "PATCH" or "POST")
        {
            request.Content = ScimHttp.Json("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[]}""");
        }

        await (await client.SendAsync(request)).AssertScimErrorAsync(501);
    }

    [Fact]
    public async Task SubjectWithoutUser_Is501()
    {
        using var me = OktaUser(ScimHttp.UniqueName("nobody"));
        var response = await me.GetAsync("/scim/v2/Me");
        await response.AssertScimErrorAsync(501);
        Assert.Contains("no User", (await response.BodyAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadOnlyCredential_CanReadMe_ButNotChangeIt()
    {
        using var admin = api.Client(api.Api.WriteToken);
        var userName = ScimHttp.UniqueName("me");
        await admin.CreateUserAsync(userName);
        using var me = OktaUser(userName, "scim.read");
        Assert.Equal(HttpStatusCode.OK, (await me.GetAsync("/scim/v2/Me")).StatusCode);
        await (await me.DeleteAsync("/scim/v2/Me")).AssertScimErrorAsync(403);
    }

    [Fact]
    public async Task Me_WithoutCredential_Is401()
    {
        using var anonymous = api.Client(null);
        await (await anonymous.GetAsync("/scim/v2/Me")).AssertScimErrorAsync(401);
    }
}
