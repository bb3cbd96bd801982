using Microsoft.AspNetCore.Http;
using Scim.Api.Hosting.Auth;
using static Scim.Api.Tests.Hosting.Auth.TestIdentityProvider;

namespace Scim.Api.Tests.Hosting.Auth;

public sealed class BearerSchemeSelectorTests : IDisposable
{
    private readonly TestIdentityProvider _idp = new();

    private readonly BearerSchemeSelector _selector = new(new ScimAuthOptions
    {
        Entra = new EntraOptions { Tenants = [new EntraTenant { TenantId = EntraDirectory, Tenant = "a" }] },
        Oidc =
        [
            new OidcCredential { Authority = OktaAuthority, Audience = OktaAudience, Tenant = "a" },
            new OidcCredential { Authority = OktaAuthority + "/", Audience = "api://second", Tenant = "b" },
            new OidcCredential { Authority = EntraAppAuthority, Issuer = EntraV1Issuer(EntraDirectory), Audience = EntraAppAudience, Tenant = "b" },
        ],
    });

    public void Dispose() => _idp.Dispose();

    private string Select(string? authorization)
    {
        var context = new DefaultHttpContext();
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        return _selector.Select(context);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer q3VnY2Y0cmFuZG9tLXNlY3JldC10b2tlbg")]
    [InlineData("Bearer one.dot")]
    [InlineData("Bearer a.b.c.d.e")]
    public void NoTokenOrNoJwt_GoesToTheSecretTokenHandler(string? header) =>
        Assert.Equal(StaticTokenAuthenticationHandler.SchemeName, Select(header));

    [Fact]
    public void OversizedJwtShapedToken_GoesToTheSecretTokenHandler_WhichRefusesItsLength() =>
        Assert.Equal(StaticTokenAuthenticationHandler.SchemeName, Select("Bearer a." + new string('b', 20_000) + ".c"));

    [Fact]
    public void OktaToken_GoesToTheAuthorityOfItsIssuerAndAudience()
    {
        Assert.Equal(OidcAuthentication.SchemeName(0), Select("Bearer " + _idp.Mint(OktaClaims("scim.write"))));
        var second = OktaClaims("scim.write");
        second["aud"] = "api://second";
        Assert.Equal(OidcAuthentication.SchemeName(1), Select("Bearer " + _idp.Mint(second)));
    }

    [Fact]
    public void EntraAppTokenWithAV1Issuer_GoesToTheAuthorityConfiguredWithThatIssuer()
    {
        var claims = EntraAppClaims("SCIM.ReadWrite");
        claims["iss"] = EntraV1Issuer(EntraDirectory);
        Assert.Equal(OidcAuthentication.SchemeName(2), Select("Bearer " + _idp.Mint(claims)));
    }

    [Theory]
    [InlineData("https://sts.windows.net/{0}/")]
    [InlineData("https://login.microsoftonline.com/{0}/v2.0")]
    public void EntraProvisioningToken_GoesToTheEntraHandler_WhateverItsDirectory(string issuerFormat)
    {
        var claims = EntraProvisioningClaims(UnservedEntraDirectory);
        claims["iss"] = string.Format(System.Globalization.CultureInfo.InvariantCulture, issuerFormat, UnservedEntraDirectory);
        Assert.Equal(EntraAuthentication.SchemeName, Select("Bearer " + _idp.Mint(claims)));
    }

    [Theory]
    [InlineData("https://evil.example/oauth2/default", OktaAudience)]
    [InlineData(OktaAuthority, "api://unknown")]
    [InlineData("https://sts.windows.net/0b6f0a3a-8d1e-4c6b-9a55-2f1d8c4e7a01/", "api://unknown")]
    public void JwtOfUnknownIssuerOrAudience_GoesToTheRefusingHandler(string issuer, string audience) =>
        Assert.Equal(UntrustedTokenHandler.SchemeName, Select("Bearer " + _idp.Mint(new Dictionary<string, object> { ["iss"] = issuer, ["aud"] = audience })));

    [Theory]
    [InlineData("Bearer a.b.c")]
    [InlineData("Bearer ..")]
    public void UnreadableJwt_GoesToTheRefusingHandler(string header) =>
        Assert.Equal(UntrustedTokenHandler.SchemeName, Select(header));
}
