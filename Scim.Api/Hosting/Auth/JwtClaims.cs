using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

namespace Scim.Api.Hosting.Auth;

/// <summary>What a validated access token grants, read from its raw claims (inbound claim mapping is off).</summary>
internal static class JwtClaims
{
    // Entra and RFC 8693 put scopes space-separated in one string; Okta sends "scp" as an array.
    private static readonly string[] ScopeClaims = ["scp", "scope"];
    private static readonly string[] RoleClaims = ["roles", "role"];

    public static HashSet<string> PermissionsOf(ClaimsPrincipal principal)
    {
        var permissions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var claim in principal.Claims)
        {
            if (ScopeClaims.Contains(claim.Type, StringComparer.Ordinal))
            {
                permissions.UnionWith(claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
            else if (RoleClaims.Contains(claim.Type, StringComparer.Ordinal))
            {
                permissions.Add(claim.Value);
            }
        }

        return permissions;
    }

    /// <summary>Whether the token carries the permission. An empty permission grants nothing (and stops the start).</summary>
    public static bool Grants(string? permission, HashSet<string> permissions) =>
        !string.IsNullOrWhiteSpace(permission) && permissions.Contains(permission.Trim());

    public static string? SubjectOf(ClaimsPrincipal principal, string? subjectClaim) =>
        string.IsNullOrWhiteSpace(subjectClaim) ? null : principal.FindFirst(subjectClaim)?.Value;

    /// <summary>Only asymmetric signatures: a symmetric "alg" would let a public key be used as an HMAC secret.</summary>
    public static readonly string[] AcceptedAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];
}
