namespace Scim.Api.Hosting.Auth;

public static class ScimPolicies
{
    /// <summary>A credential of a tenant that may read (every secret token; JWTs with the read or write permission).</summary>
    public const string Read = "scim:read";

    /// <summary>A credential that may change resources (not a read-only token, a JWT with the write permission).</summary>
    public const string Write = "scim:write";
}
