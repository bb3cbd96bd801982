namespace Scim.Api.Hosting.Auth;

/// <summary>Claims every authenticated SCIM caller carries, whatever the credential type.</summary>
public static class ScimClaims
{
    public const string Tenant = "scim_tenant";
    public const string CredentialId = "scim_credential";
    public const string Scope = "scim_scope";
    public const string ReadScope = "read";
    public const string WriteScope = "write";
}
