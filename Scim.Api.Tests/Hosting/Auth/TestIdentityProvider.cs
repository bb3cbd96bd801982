using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Scim.Api.Tests.Hosting.Auth;

/// <summary>
/// Mints real signed JWTs with a key made for the test run, standing in for Entra and OIDC authorities; the service
/// under test is given the public half as the authorities' published keys, so nothing is fetched over the network.
/// </summary>
public sealed class TestIdentityProvider : IDisposable
{
    public const string KeyId = "test-signing-key";

    public const string EntraDirectory = "0b6f0a3a-8d1e-4c6b-9a55-2f1d8c4e7a01";
    public const string OtherEntraDirectory = "5c2e9f14-3b7a-4d08-8e6f-91a0c3d2b4e5";
    public const string UnservedEntraDirectory = "d4a7c1e2-6f39-4b85-a0d3-7e8f9b1c2a64";
    public const string GalleryAppId = "3f1c9e72-5a4b-4c8d-9e0f-a1b2c3d4e5f6";

    public const string OktaAuthority = "https://example.okta.test/oauth2/default";
    public const string OktaAudience = "api://scim";
    public const string EntraAppAudience = "api://scim-entra-app";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RSA _attackerRsa = RSA.Create(2048);

    public TestIdentityProvider()
    {
        SigningKey = new RsaSecurityKey(_rsa) { KeyId = KeyId };
        AttackerKey = new RsaSecurityKey(_attackerRsa) { KeyId = KeyId };
    }

    /// <summary>The key the service trusts (its public half is what the authorities "publish").</summary>
    public RsaSecurityKey SigningKey { get; }

    /// <summary>A key nobody trusts, under the same key id.</summary>
    public RsaSecurityKey AttackerKey { get; }

    public static string EntraV1Issuer(string directory) => $"https://sts.windows.net/{directory}/";

    public static string EntraV2Issuer(string directory) => $"https://login.microsoftonline.com/{directory}/v2.0";

    public static string EntraAppAuthority => EntraV2Issuer(EntraDirectory);

    /// <summary>What Entra's provisioning service sends for a non-gallery app of <paramref name="directory"/>.</summary>
    public static Dictionary<string, object> EntraProvisioningClaims(string directory = EntraDirectory, string audience = Scim.Api.Hosting.Auth.EntraOptions.ProvisioningAudience) => new()
    {
        ["iss"] = EntraV1Issuer(directory),
        ["aud"] = audience,
        ["tid"] = directory,
        ["appid"] = "00000014-0000-0000-c000-000000000000",
        ["oid"] = "6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d",
        ["sub"] = "6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d",
        ["ver"] = "1.0",
    };

    public static Dictionary<string, object> OktaClaims(params string[] scopes) => new()
    {
        ["iss"] = OktaAuthority,
        ["aud"] = OktaAudience,
        ["sub"] = "okta-service-client",
        ["cid"] = "0oa1scimclient",
        ["scp"] = scopes,
    };

    public static Dictionary<string, object> EntraAppClaims(params string[] roles) => new()
    {
        ["iss"] = EntraAppAuthority,
        ["aud"] = EntraAppAudience,
        ["tid"] = EntraDirectory,
        ["oid"] = "1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a",
        ["roles"] = roles,
        ["ver"] = "2.0",
    };

    /// <summary>A signed token valid from an hour ago for an hour, unless <paramref name="notBefore"/>/<paramref name="expires"/> say otherwise.</summary>
    public string Mint(Dictionary<string, object> claims, DateTime? notBefore = null, DateTime? expires = null, SecurityKey? key = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Claims = claims,
            NotBefore = notBefore ?? now.AddHours(-1),
            Expires = expires ?? now.AddHours(1),
            IssuedAt = (notBefore ?? now.AddHours(-1)) < now ? notBefore ?? now.AddHours(-1) : now,
            SigningCredentials = new SigningCredentials(key ?? SigningKey, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>A token without <c>exp</c>.</summary>
    public string MintWithoutExpiry(Dictionary<string, object> claims) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.RsaSha256),
        });

    /// <summary>The same claims, unsigned, declaring <c>"alg": "none"</c> (RFC 7519 §6).</summary>
    public static string Unsigned(Dictionary<string, object> claims)
    {
        var now = DateTimeOffset.UtcNow;
        var payload = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(claims))!.AsObject();
        payload["nbf"] = now.AddHours(-1).ToUnixTimeSeconds();
        payload["exp"] = now.AddHours(1).ToUnixTimeSeconds();
        return $"{Base64Url("""{"alg":"none","typ":"JWT"}""")}.{Base64Url(payload.ToJsonString())}.";
    }

    /// <summary>A valid token whose payload was edited after signing (here: its claims replaced), signature kept.</summary>
    public string Tampered(Dictionary<string, object> signedClaims, Action<JsonObject> edit)
    {
        var parts = Mint(signedClaims).Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        edit(payload);
        return $"{parts[0]}.{Base64Url(payload.ToJsonString())}.{parts[2]}";
    }

    public void Dispose()
    {
        _rsa.Dispose();
        _attackerRsa.Dispose();
    }

    private static string Base64Url(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
}
