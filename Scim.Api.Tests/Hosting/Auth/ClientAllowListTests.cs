using System.Net;
using Scim.Api.Tests.Endpoints;

namespace Scim.Api.Tests.Hosting.Auth;

/// <summary>
/// <c>AllowedClientIds</c> on a JWT credential: only tokens issued to a listed client application (<c>azp</c>,
/// <c>appid</c>, <c>client_id</c>, <c>cid</c>) are accepted, and a token must name one.
/// </summary>
public sealed class ClientAllowListTests(ClientAllowListTests.RestrictedIdentityApi fixture) : IClassFixture<ClientAllowListTests.RestrictedIdentityApi>
{
    private const string OktaClient = "0oa1scimclient";
    private const string EntraAppClient = "7d0c9a1b-2f3e-4a5b-8c6d-9e0f1a2b3c4d";
    private const string EntraProvisioningClient = "00000014-0000-0000-c000-000000000000";

    /// <summary>The identity fixture with a client list on the Okta, Entra app and Entra provisioning credentials.</summary>
    public sealed class RestrictedIdentityApi : IDisposable
    {
        public RestrictedIdentityApi()
        {
            Api.Api.Settings["Scim:Auth:Oidc:0:AllowedClientIds:0"] = OktaClient;
            Api.Api.Settings["Scim:Auth:Oidc:1:AllowedClientIds:0"] = EntraAppClient;
            Api.Api.Settings["Scim:Auth:Entra:Tenants:0:AllowedClientIds:0"] = EntraProvisioningClient.ToUpperInvariant();
        }

        public IdentityApi Api { get; } = new();

        public void Dispose() => Api.Dispose();
    }

    public static TheoryData<string, HttpStatusCode> Tokens => new()
    {
        { "Okta token of the listed client (cid)", HttpStatusCode.OK },
        { "Okta token of another client", HttpStatusCode.Unauthorized },
        { "Okta token naming no client", HttpStatusCode.Unauthorized },
        { "Okta token of the listed client, named by client_id (RFC 9068)", HttpStatusCode.OK },
        { "Entra app token of the listed client (azp, v2)", HttpStatusCode.OK },
        { "Entra app token of the listed client (appid, v1)", HttpStatusCode.OK },
        { "Entra app token of another client", HttpStatusCode.Unauthorized },
        { "Entra app token whose azp is listed and whose appid is not", HttpStatusCode.Unauthorized },
        { "Entra provisioning token of the listed client (listed in upper case)", HttpStatusCode.OK },
        { "Entra provisioning token of another client", HttpStatusCode.Unauthorized },
        { "secret token (no client to check)", HttpStatusCode.OK },
    };

    private string TokenFor(string name)
    {
        var idp = fixture.Api.Idp;
        var okta = TestIdentityProvider.OktaClaims("scim.write");
        var app = TestIdentityProvider.EntraAppClaims(IdentityApi.EntraAppWriteRole);
        var provisioning = TestIdentityProvider.EntraProvisioningClaims();
        return name switch
        {
            "Okta token of the listed client (cid)" => idp.Mint(okta),
            "Okta token of another client" => idp.Mint(With(okta, ("cid", "0oa9otherclient"))),
            "Okta token naming no client" => idp.Mint(Without(okta, "cid")),
            "Okta token of the listed client, named by client_id (RFC 9068)" => idp.Mint(With(Without(okta, "cid"), ("client_id", OktaClient))),
            "Entra app token of the listed client (azp, v2)" => idp.Mint(With(app, ("azp", EntraAppClient))),
            "Entra app token of the listed client (appid, v1)" => idp.Mint(With(app, ("appid", EntraAppClient))),
            "Entra app token of another client" => idp.Mint(With(app, ("azp", "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b"))),
            "Entra app token whose azp is listed and whose appid is not" =>
                idp.Mint(With(app, ("azp", EntraAppClient), ("appid", "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b"))),
            "Entra provisioning token of the listed client (listed in upper case)" => idp.Mint(provisioning),
            "Entra provisioning token of another client" => idp.Mint(With(provisioning, ("appid", "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b"))),
            "secret token (no client to check)" => fixture.Api.Api.WriteToken,
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
    }

    [Theory]
    [MemberData(nameof(Tokens))]
    public async Task Token_IsAcceptedOnlyFromAListedClient(string name, HttpStatusCode expected)
    {
        using var client = fixture.Api.Client(TokenFor(name));

        var response = await client.GetAsync("/scim/v2/Users", TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Unauthorized)
        {
            await response.AssertScimErrorAsync(401);
            Assert.Contains("client application", (await response.BodyAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task WithoutAList_ATokenOfAnyClientIsAccepted()
    {
        using var api = new IdentityApi();
        using var client = api.Client(api.Idp.Mint(With(TestIdentityProvider.OktaClaims("scim.write"), ("cid", "0oa9otherclient"))));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/scim/v2/Users", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory]
    [InlineData("Scim:Auth:Oidc:0:ReadPermission")]
    [InlineData("Scim:Auth:Oidc:0:WritePermission")]
    public void AnEmptyPermission_StopsTheStart_NamingTheKey(string key)
    {
        using var api = new IdentityApi();
        api.Api.Settings[key] = "";

        var error = Assert.ThrowsAny<Exception>(() => api.Client(null));

        Assert.Contains(key, error.ToString(), StringComparison.Ordinal);
    }

    private static Dictionary<string, object> With(Dictionary<string, object> claims, params (string Name, object Value)[] added)
    {
        foreach (var (name, value) in added)
        {
            claims[name] = value;
        }

        return claims;
    }

    private static Dictionary<string, object> Without(Dictionary<string, object> claims, string name)
    {
        claims.Remove(name);
        return claims;
    }
}
