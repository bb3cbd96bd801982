using System.Net;
using System.Net.Http.Headers;
using Scim.Api.Tests.Endpoints;
using static Scim.Api.Tests.Hosting.Auth.TestIdentityProvider;

namespace Scim.Api.Tests.Hosting.Auth;

/// <summary>
/// Every way a credential can be wrong is refused with 401, the SCIM error body and a Bearer challenge, on reads
/// and on writes alike; nothing is accepted and nothing is written.
/// </summary>
public sealed class RejectionMatrixTests(IdentityApi api) : IClassFixture<IdentityApi>
{
    public static TheoryData<string> RejectedTokens =>
    [
        "expired Entra token",
        "Entra token not yet valid",
        "Entra token without expiry",
        "Entra token for another audience",
        "Entra token whose issuer names another directory than its tid",
        "Entra token of a directory not served",
        "Entra token with alg none",
        "Entra token signed by an untrusted key",
        "Entra token with a tampered tenant",
        "Entra token with a tampered expiry",
        "Entra token with its signature cut off",
        "expired Okta token",
        "Okta token not yet valid",
        "Okta token for another audience",
        "Okta token from an untrusted issuer",
        "Okta token with alg none",
        "Okta token signed by an untrusted key",
        "Okta token with a tampered scope",
        "Entra app token with a tampered audience",
        "revoked secret token",
        "secret token that was never configured",
    ];

    private string TokenFor(string name)
    {
        var idp = api.Idp;
        var past = DateTime.UtcNow.AddHours(-2);
        var future = DateTime.UtcNow.AddHours(2);
        return name switch
        {
            "expired Entra token" => idp.Mint(EntraProvisioningClaims(), past, past.AddHours(1)),
            "Entra token not yet valid" => idp.Mint(EntraProvisioningClaims(), future, future.AddHours(1)),
            "Entra token without expiry" => idp.MintWithoutExpiry(EntraProvisioningClaims()),
            "Entra token for another audience" => idp.Mint(EntraProvisioningClaims(audience: "c0ffee00-0000-4000-8000-000000000000")),
            "Entra token whose issuer names another directory than its tid" => idp.Mint(With(EntraProvisioningClaims(), "iss", EntraV1Issuer(OtherEntraDirectory))),
            "Entra token of a directory not served" => idp.Mint(EntraProvisioningClaims(UnservedEntraDirectory)),
            "Entra token with alg none" => Unsigned(EntraProvisioningClaims()),
            "Entra token signed by an untrusted key" => idp.Mint(EntraProvisioningClaims(), key: idp.AttackerKey),
            "Entra token with a tampered tenant" => idp.Tampered(EntraProvisioningClaims(UnservedEntraDirectory), p =>
            {
                p["tid"] = EntraDirectory;
                p["iss"] = EntraV1Issuer(EntraDirectory);
            }),
            "Entra token with a tampered expiry" => idp.Tampered(EntraProvisioningClaims(), p =>
                p["exp"] = DateTimeOffset.UtcNow.AddYears(5).ToUnixTimeSeconds()),
            "Entra token with its signature cut off" => idp.Mint(EntraProvisioningClaims())[..^10],
            "expired Okta token" => idp.Mint(OktaClaims("scim.write"), past, past.AddHours(1)),
            "Okta token not yet valid" => idp.Mint(OktaClaims("scim.write"), future, future.AddHours(1)),
            "Okta token for another audience" => idp.Mint(With(OktaClaims("scim.write"), "aud", "api://other")),
            "Okta token from an untrusted issuer" => idp.Mint(With(OktaClaims("scim.write"), "iss", "https://evil.example/oauth2/default")),
            "Okta token with alg none" => Unsigned(OktaClaims("scim.write")),
            "Okta token signed by an untrusted key" => idp.Mint(OktaClaims("scim.write"), key: idp.AttackerKey),
            "Okta token with a tampered scope" => idp.Tampered(OktaClaims("scim.read"), p => p["scp"] = "scim.write"),
            "Entra app token with a tampered audience" => idp.Tampered(With(EntraAppClaims(IdentityApi.EntraAppWriteRole), "aud", "api://other"),
                p => p["aud"] = EntraAppAudience),
            "revoked secret token" => api.RevokedToken,
            "secret token that was never configured" => Scim.Api.Hosting.Auth.TokenHash.NewToken(),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
    }

    [Theory]
    [MemberData(nameof(RejectedTokens))]
    public async Task RejectedToken_Is401WithScimBodyAndChallenge_OnReadAndWrite(string name)
    {
        using var client = api.Client(TokenFor(name));

        var read = await client.GetAsync("/scim/v2/Users");
        await AssertRejectedAsync(read);

        var userName = ScimHttp.UniqueName("rejected");
        var write = await client.PostAsync("/scim/v2/Users", ScimHttp.Json($$"""{"userName":"{{userName}}"}"""));
        await AssertRejectedAsync(write);

        foreach (var token in new[] { api.Api.WriteToken, api.Api.OtherTenantToken })
        {
            using var owner = api.Client(token);
            var check = await (await owner.GetAsync($"/scim/v2/Users?filter=userName eq \"{userName}\"")).BodyAsync();
            Assert.Equal(0, check["totalResults"]!.GetValue<long>());
        }
    }

    [Theory]
    [InlineData("revoked secret token", "revoked")]
    [InlineData("expired Entra token", "expired")]
    [InlineData("Entra token not yet valid", "not valid yet")]
    [InlineData("Entra token of a directory not served", "not served")]
    [InlineData("Entra token signed by an untrusted key", "signature")]
    [InlineData("Entra token with alg none", "signature")]
    [InlineData("Okta token from an untrusted issuer", "match no")]
    public async Task RejectionDetail_SaysWhatWasWrong(string name, string expected)
    {
        using var client = api.Client(TokenFor(name));
        var response = await client.GetAsync("/scim/v2/Users");
        var detail = (await response.BodyAsync())["detail"]!.GetValue<string>();
        Assert.Contains(expected, detail, StringComparison.OrdinalIgnoreCase);
    }

    public static TheoryData<string> MalformedAuthorizationHeaders =>
    [
        "Bearer a.b.c",
        "Bearer ..",
        "Bearer x.y",
        "Bearer eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln",
        "Bearer eyJub3QiOiJhIGhlYWRlciJ9.eyJpc3MiOiJodHRwczovL2V4YW1wbGUifQ.",
        "Bearer a.b.c.d.e",
        "Bearer " + new string('.', 2) + new string('A', 9_000),
        "Bearer " + new string('A', 8_000) + "." + new string('B', 8_000) + "." + new string('C', 8_000),
        "Bearer\ttoken",
        "Bearer  ",
        "bearer",
        "Token abc",
        "Basic dXNlcjpwYXNz",
        "Bearer tok\u00e9n",
        "Bearer %00%00",
    ];

    [Theory]
    [MemberData(nameof(MalformedAuthorizationHeaders))]
    public async Task MalformedAuthorizationHeader_Is401NeverServerError(string header)
    {
        using var client = api.Client(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/scim/v2/Users");
        request.Headers.TryAddWithoutValidation("Authorization", header);
        await AssertRejectedAsync(await client.SendAsync(request));
    }

    [Fact]
    public async Task TwoAuthorizationHeaders_Are401()
    {
        using var client = api.Client(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/scim/v2/Users");
        request.Headers.TryAddWithoutValidation("Authorization", ["Bearer " + api.Api.WriteToken, "Bearer " + api.Api.OtherTenantToken]);
        await AssertRejectedAsync(await client.SendAsync(request));
    }

    [Theory]
    [InlineData("scp", 42)]
    [InlineData("roles", "not-an-array")]
    [InlineData("sub", 7)]
    [InlineData("tid", 12345)]
    [InlineData("aud", 99)]
    [InlineData("iss", true)]
    public async Task TokenWithClaimsOfUnexpectedTypes_IsRefusedOrLimited_NeverServerError(string claim, object value)
    {
        foreach (var claims in new[] { EntraProvisioningClaims(), OktaClaims("scim.write") })
        {
            using var client = api.Client(api.Idp.Mint(With(claims, claim, value)));
            var response = await client.GetAsync("/scim/v2/Users");
            Assert.True((int)response.StatusCode is 200 or 401 or 403, $"{claim}={value}: {(int)response.StatusCode}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                await response.AssertScimErrorAsync((int)response.StatusCode);
            }
        }
    }

    [Fact]
    public async Task TokenWithUnknownExtraClaims_IsAccepted()
    {
        var claims = OktaClaims("scim.write");
        claims["x-custom"] = new Dictionary<string, object> { ["nested"] = new[] { 1, 2, 3 } };
        claims["groups"] = new[] { "a", "b" };
        using var client = api.Client(api.Idp.Mint(claims));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/scim/v2/Users")).StatusCode);
    }

    [Fact]
    public async Task NoCredential_Is401WithPlainChallenge()
    {
        using var client = api.Client(null);
        var response = await client.GetAsync("/scim/v2/Users");
        await response.AssertScimErrorAsync(401);
        Assert.Equal("Bearer realm=\"scim\"", response.Headers.WwwAuthenticate.ToString());
    }

    private static async Task AssertRejectedAsync(HttpResponseMessage response)
    {
        await response.AssertScimErrorAsync(401);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("realm=\"scim\"", challenge.Parameter, StringComparison.Ordinal);
    }

    private static Dictionary<string, object> With(Dictionary<string, object> claims, string name, object value)
    {
        claims[name] = value;
        return claims;
    }

    private static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);
}
