using System.Net;
using Scim.Api.Tests.Endpoints;

namespace Scim.Api.Tests.Hosting.Auth;

/// <summary>
/// Entra tells an application's own token from a user's delegated one (<c>idtyp</c>, or <c>scp</c> present only in
/// delegated tokens): both Entra credential kinds accept only application tokens, even when the user holds the app
/// role. Other authorities do not make that distinction, and their scoped tokens keep working.
/// </summary>
public sealed class AppOnlyTokenTests(IdentityApi api) : IClassFixture<IdentityApi>
{
    public static TheoryData<string, HttpStatusCode> Tokens => new()
    {
        { "Entra app registration: application token with the write role", HttpStatusCode.OK },
        { "Entra app registration: application token marked idtyp app", HttpStatusCode.OK },
        { "Entra app registration: delegated token (scp) with the write role", HttpStatusCode.Unauthorized },
        { "Entra app registration: token marked idtyp user", HttpStatusCode.Unauthorized },
        { "Entra app registration: token marked idtyp user, without scp", HttpStatusCode.Unauthorized },
        { "Entra provisioning: application token", HttpStatusCode.OK },
        { "Entra provisioning: delegated token (scp)", HttpStatusCode.Unauthorized },
        { "Entra provisioning: token marked idtyp user", HttpStatusCode.Unauthorized },
        { "Okta (not Entra): client credentials token with scopes", HttpStatusCode.OK },
    };

    private string TokenFor(string name)
    {
        var idp = api.Idp;
        var app = TestIdentityProvider.EntraAppClaims(IdentityApi.EntraAppWriteRole);
        var provisioning = TestIdentityProvider.EntraProvisioningClaims();
        return name switch
        {
            "Entra app registration: application token with the write role" => idp.Mint(app),
            "Entra app registration: application token marked idtyp app" => idp.Mint(With(app, ("idtyp", "app"))),
            "Entra app registration: delegated token (scp) with the write role" => idp.Mint(With(app, ("scp", "user_impersonation"))),
            "Entra app registration: token marked idtyp user" => idp.Mint(With(app, ("idtyp", "user"), ("scp", "user_impersonation"))),
            "Entra app registration: token marked idtyp user, without scp" => idp.Mint(With(app, ("idtyp", "user"))),
            "Entra provisioning: application token" => idp.Mint(provisioning),
            "Entra provisioning: delegated token (scp)" => idp.Mint(With(provisioning, ("scp", "user_impersonation"))),
            "Entra provisioning: token marked idtyp user" => idp.Mint(With(provisioning, ("idtyp", "user"))),
            "Okta (not Entra): client credentials token with scopes" => idp.Mint(TestIdentityProvider.OktaClaims("scim.write")),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
    }

    [Theory]
    [MemberData(nameof(Tokens))]
    public async Task Token_IsAcceptedOnlyWhenNoUserStandsBehindIt_WhereTheAuthorityTellsThem(string name, HttpStatusCode expected)
    {
        using var client = api.Client(TokenFor(name));

        var response = await client.GetAsync("/scim/v2/Users", TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Unauthorized)
        {
            await response.AssertScimErrorAsync(401);
            Assert.Contains("delegated", (await response.BodyAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }
    }

    private static Dictionary<string, object> With(Dictionary<string, object> claims, params (string Name, object Value)[] added)
    {
        foreach (var (name, value) in added)
        {
            claims[name] = value;
        }

        return claims;
    }
}
