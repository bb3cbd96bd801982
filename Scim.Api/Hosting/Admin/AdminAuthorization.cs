namespace Scim.Api.Hosting.Admin;

/// <summary>The admin API's own authentication scheme, claim and policy: nothing here is shared with provisioning.</summary>
public static class AdminAuthorization
{
    public const string SchemeName = "ScimAdminBearer";

    public const string Policy = "scim:admin";

    /// <summary>The admin token's configured id; the only claim an admin principal has.</summary>
    public const string CredentialClaim = "scim_admin_credential";

    /// <summary>How an admin token is named in audit records, apart from provisioning credential ids.</summary>
    public static string AuditCredentialId(string tokenId) => $"admin:{tokenId}";
}
