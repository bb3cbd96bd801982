namespace Scim.Api.Hosting.Auth;

public static class ScimPolicies
{
    /// <summary>Any valid credential of a tenant.</summary>
    public const string Read = "scim:read";

    /// <summary>A credential that may change resources (not a read-only token).</summary>
    public const string Write = "scim:write";
}
