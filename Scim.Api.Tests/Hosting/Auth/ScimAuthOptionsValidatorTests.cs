using Scim.Api.Hosting.Auth;

namespace Scim.Api.Tests.Hosting.Auth;

public sealed class ScimAuthOptionsValidatorTests
{
    private const string Directory = "0b6f0a3a-8d1e-4c6b-9a55-2f1d8c4e7a01";

    private static readonly string ValidHash = TokenHash.Compute("a-token");

    private static StaticToken Token(string? tenant = "acme", string? hash = null) => new() { Tenant = tenant, Hash = hash ?? ValidHash };

    private static OidcCredential Oidc(string? authority = "https://acme.okta.com/oauth2/default", string? audience = "api://scim", string? tenant = "acme") =>
        new() { Authority = authority, Audience = audience, Tenant = tenant };

    private static EntraTenant Entra(string? directory = Directory, string? tenant = "acme", string audience = EntraOptions.ProvisioningAudience) =>
        new() { TenantId = directory, Tenant = tenant, Audience = audience };

    private static T With<T>(T value, Action<T> change)
    {
        change(value);
        return value;
    }

    public static TheoryData<string, ScimAuthOptions> ValidConfigurations => new()
    {
        { "one secret token", new ScimAuthOptions { Tokens = [Token()] } },
        { "Entra only", new ScimAuthOptions { Entra = new EntraOptions { Tenants = [Entra()] } } },
        { "OIDC only", new ScimAuthOptions { Oidc = [Oidc()] } },
        { "one directory, two apps, two tenants", new ScimAuthOptions { Entra = new EntraOptions { Tenants = [Entra(), Entra(tenant: "beta", audience: "3f1c9e72-5a4b-4c8d-9e0f-a1b2c3d4e5f6")] } } },
        { "one authority, two audiences", new ScimAuthOptions { Oidc = [Oidc(), Oidc(audience: "api://other", tenant: "beta")] } },
        { "all three", new ScimAuthOptions { Tokens = [Token()], Entra = new EntraOptions { Tenants = [Entra()] }, Oidc = [Oidc()] } },
        { "clients listed", new ScimAuthOptions { Oidc = [With(Oidc(), o => o.AllowedClientIds = ["0oa1scim"])], Entra = new EntraOptions { Tenants = [With(Entra(), e => e.AllowedClientIds = ["00000014-0000-0000-c000-000000000000"])] } } },
    };

    public static TheoryData<string, ScimAuthOptions, string> InvalidConfigurations => new()
    {
        { "nothing", new ScimAuthOptions(), "Scim:Auth:Tokens:0:Tenant" },
        { "token without tenant", new ScimAuthOptions { Tokens = [Token(tenant: null)] }, "Scim:Auth:Tokens:0:Tenant" },
        { "token with a plain-text secret", new ScimAuthOptions { Tokens = [Token(hash: "my-secret")] }, "Scim:Auth:Tokens:0:Hash" },
        { "one token for two tenants", new ScimAuthOptions { Tokens = [Token(), Token(tenant: "beta")] }, "Scim:Auth:Tokens:1:Hash repeats Scim:Auth:Tokens:0:Hash" },
        { "directory that is no GUID", new ScimAuthOptions { Entra = new EntraOptions { Tenants = [Entra(directory: "contoso.onmicrosoft.com")] } }, "Scim:Auth:Entra:Tenants:0:TenantId" },
        { "directory without tenant", new ScimAuthOptions { Entra = new EntraOptions { Tenants = [Entra(tenant: " ")] } }, "Scim:Auth:Entra:Tenants:0:Tenant" },
        { "directory and audience twice", new ScimAuthOptions { Entra = new EntraOptions { Tenants = [Entra(), Entra(tenant: "beta")] } }, "Scim:Auth:Entra:Tenants:1 repeats" },
        { "Entra instance over http", new ScimAuthOptions { Entra = new EntraOptions { Instance = "http://login.example/", Tenants = [Entra()] } }, "Scim:Auth:Entra:Instance" },
        { "authority over http", new ScimAuthOptions { Oidc = [Oidc(authority: "http://acme.okta.com")] }, "Scim:Auth:Oidc:0:Authority" },
        { "authority missing", new ScimAuthOptions { Oidc = [Oidc(authority: null)] }, "Scim:Auth:Oidc:0:Authority" },
        { "audience missing", new ScimAuthOptions { Oidc = [Oidc(audience: "")] }, "Scim:Auth:Oidc:0:Audience" },
        { "OIDC without tenant", new ScimAuthOptions { Oidc = [Oidc(tenant: null)] }, "Scim:Auth:Oidc:0:Tenant" },
        { "issuer and audience twice", new ScimAuthOptions { Oidc = [Oidc(), Oidc(authority: "https://acme.okta.com/oauth2/default/", tenant: "beta")] }, "Scim:Auth:Oidc:1 repeats" },
        { "OIDC with an empty read permission", new ScimAuthOptions { Oidc = [With(Oidc(), o => o.ReadPermission = "")] }, "Scim:Auth:Oidc:0:ReadPermission" },
        { "OIDC with a blank write permission", new ScimAuthOptions { Oidc = [With(Oidc(), o => o.WritePermission = " ")] }, "Scim:Auth:Oidc:0:WritePermission" },
        { "OIDC with an empty client in its list", new ScimAuthOptions { Oidc = [With(Oidc(), o => o.AllowedClientIds = ["0oa1scim", ""])] }, "Scim:Auth:Oidc:0:AllowedClientIds:1" },
        { "Entra with an empty client in its list", new ScimAuthOptions { Entra = new EntraOptions { Tenants = [With(Entra(), e => e.AllowedClientIds = [" "])] } }, "Scim:Auth:Entra:Tenants:0:AllowedClientIds:0" },
        { "unsupported /Me attribute", new ScimAuthOptions { Oidc = [new OidcCredential { Authority = "https://a.example", Audience = "x", Tenant = "t", SubjectAttribute = "emails" }] }, "Scim:Auth:Oidc:0:SubjectAttribute" },
    };

    [Theory]
    [MemberData(nameof(ValidConfigurations))]
    public void Validate_AcceptsWellFormedCredentials(string description, ScimAuthOptions options)
    {
        var result = new ScimAuthOptionsValidator().Validate(null, options);
        Assert.True(result.Succeeded, $"{description}: {result.FailureMessage}");
    }

    [Theory]
    [MemberData(nameof(InvalidConfigurations))]
    public void Validate_RefusesMalformedCredentials_NamingTheKey(string description, ScimAuthOptions options, string expected)
    {
        var result = new ScimAuthOptionsValidator().Validate(null, options);
        Assert.True(result.Failed, description);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }
}
