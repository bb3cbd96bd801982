using System.Net;
using Scim.Api.Hosting.Auth;
using Scim.Api.Tests.Endpoints;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Hosting.Auth;

/// <summary>Each credential kind authenticates, lands in its own tenant and gets exactly the access it was configured for.</summary>
public sealed class CredentialAcceptanceTests(IdentityApi api) : IClassFixture<IdentityApi>
{
    public enum Access
    {
        ReadWrite,
        ReadOnly,
        None,
    }

    public static TheoryData<string, string, Access> Credentials => new()
    {
        { "Entra provisioning token, v1 issuer", ScimApiFactory.Tenant, Access.ReadWrite },
        { "Entra provisioning token, v2 issuer", ScimApiFactory.Tenant, Access.ReadWrite },
        { "Entra gallery app token of another directory", ScimApiFactory.OtherTenant, Access.ReadWrite },
        { "Entra gallery app token mapped read-only", ScimApiFactory.Tenant, Access.ReadOnly },
        { "Okta token with scim.write", ScimApiFactory.Tenant, Access.ReadWrite },
        { "Okta token with scim.read", ScimApiFactory.Tenant, Access.ReadOnly },
        { "Okta token with both scopes in one string", ScimApiFactory.Tenant, Access.ReadWrite },
        { "Okta token with no SCIM scope", ScimApiFactory.Tenant, Access.None },
        { "Entra app token with the read-write app role", ScimApiFactory.OtherTenant, Access.ReadWrite },
        { "Entra app token with the read app role", ScimApiFactory.OtherTenant, Access.ReadOnly },
        { "secret token", ScimApiFactory.Tenant, Access.ReadWrite },
        { "read-only secret token", ScimApiFactory.Tenant, Access.ReadOnly },
    };

    private string TokenFor(string credential)
    {
        var idp = api.Idp;
        return credential switch
        {
            "Entra provisioning token, v1 issuer" => idp.Mint(TestIdentityProvider.EntraProvisioningClaims()),
            "Entra provisioning token, v2 issuer" => idp.Mint(With(TestIdentityProvider.EntraProvisioningClaims(),
                "iss", TestIdentityProvider.EntraV2Issuer(TestIdentityProvider.EntraDirectory))),
            "Entra gallery app token of another directory" => idp.Mint(TestIdentityProvider.EntraProvisioningClaims(
                TestIdentityProvider.OtherEntraDirectory, TestIdentityProvider.GalleryAppId)),
            "Entra gallery app token mapped read-only" => idp.Mint(TestIdentityProvider.EntraProvisioningClaims(
                TestIdentityProvider.EntraDirectory, TestIdentityProvider.GalleryAppId)),
            "Okta token with scim.write" => idp.Mint(TestIdentityProvider.OktaClaims("scim.write")),
            "Okta token with scim.read" => idp.Mint(TestIdentityProvider.OktaClaims("scim.read")),
            "Okta token with both scopes in one string" => idp.Mint(With(TestIdentityProvider.OktaClaims(), "scp", "openid scim.read scim.write")),
            "Okta token with no SCIM scope" => idp.Mint(TestIdentityProvider.OktaClaims("openid", "profile")),
            "Entra app token with the read-write app role" => idp.Mint(TestIdentityProvider.EntraAppClaims(IdentityApi.EntraAppWriteRole)),
            "Entra app token with the read app role" => idp.Mint(TestIdentityProvider.EntraAppClaims(IdentityApi.EntraAppReadRole)),
            "secret token" => api.Api.WriteToken,
            "read-only secret token" => api.Api.ReadOnlyToken,
            _ => throw new ArgumentOutOfRangeException(nameof(credential), credential, null),
        };
    }

    [Theory]
    [MemberData(nameof(Credentials))]
    public async Task Credential_LandsInItsTenant_WithItsAccess(string credential, string tenant, Access access)
    {
        using var client = api.Client(TokenFor(credential));
        using var tenantWriter = api.Client(tenant == ScimApiFactory.Tenant ? api.Api.WriteToken : api.Api.OtherTenantToken);
        var marker = await tenantWriter.CreateUserAsync(ScimHttp.UniqueName("marker"));

        var read = await client.GetAsync($"/scim/v2/Users/{marker.Id()}");
        if (access == Access.None)
        {
            await read.AssertScimErrorAsync(403);
            Assert.Contains("insufficient_scope", read.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            return;
        }

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var write = await client.PostAsync("/scim/v2/Users", ScimHttp.Json($$"""{"userName":"{{ScimHttp.UniqueName()}}"}"""));
        if (access == Access.ReadOnly)
        {
            await write.AssertScimErrorAsync(403);
            Assert.Contains("insufficient_scope", write.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Created, write.StatusCode);
            var created = await write.BodyAsync();
            Assert.Equal(HttpStatusCode.OK, (await tenantWriter.GetAsync($"/scim/v2/Users/{created.Id()}")).StatusCode);
        }
    }

    [Fact]
    public async Task SecretTokenOfAnotherTenant_AuthenticatesAsThatTenant_AndSeesNothingOfThisOne()
    {
        using var writer = api.Client(api.Api.WriteToken);
        using var other = api.Client(api.Api.OtherTenantToken);
        var user = await writer.CreateUserAsync(ScimHttp.UniqueName());

        var response = await other.GetAsync($"/scim/v2/Users/{user.Id()}");
        await response.AssertScimErrorAsync(404);
        var search = await (await other.GetAsync($"/scim/v2/Users?filter=id eq \"{user.Id()}\"")).BodyAsync();
        Assert.Equal(0, search["totalResults"]!.GetValue<long>());
    }

    [Fact]
    public async Task SecretTokens_OfOneTenant_AreInterchangeable_ForRotation()
    {
        using var current = api.Client(api.Api.WriteToken);
        using var next = api.Client(api.Api.ReadOnlyToken);
        var user = await current.CreateUserAsync(ScimHttp.UniqueName());
        Assert.Equal(HttpStatusCode.OK, (await next.GetAsync($"/scim/v2/Users/{user.Id()}")).StatusCode);
    }

    private static Dictionary<string, object> With(Dictionary<string, object> claims, string name, object value)
    {
        claims[name] = value;
        return claims;
    }
}
