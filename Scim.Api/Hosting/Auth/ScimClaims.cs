namespace Scim.Api.Hosting.Auth;

/// <summary>
/// Claims every authenticated SCIM caller carries, whatever the credential type (secret token, Entra-issued JWT,
/// OAuth 2.0 access token), so that endpoints never look at how the caller authenticated.
/// </summary>
public static class ScimClaims
{
    public const string Tenant = "scim_tenant";
    public const string CredentialId = "scim_credential";
    public const string Scope = "scim_scope";
    public const string ReadScope = "read";
    public const string WriteScope = "write";

    /// <summary>The authenticated subject (e.g. the token's <c>sub</c> or <c>oid</c>) when the credential maps one to a User.</summary>
    public const string Subject = "scim_subject";

    /// <summary>The User attribute the subject is matched against for /Me (<c>userName</c> or <c>externalId</c>).</summary>
    public const string SubjectAttribute = "scim_subject_attribute";
}
