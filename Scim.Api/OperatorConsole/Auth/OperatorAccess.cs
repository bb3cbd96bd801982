using System.Security.Claims;

namespace Scim.Api.OperatorConsole.Auth;

/// <summary>
/// Who of an identity provider's accounts is an operator: a listed user (by subject, object id, e-mail or user
/// name) or a holder of the required role. Everyone else is refused at sign-in.
/// </summary>
internal static class OperatorAccess
{
    private static readonly string[] UserClaims = ["sub", "oid", "email", "preferred_username", "upn", ClaimTypes.NameIdentifier, ClaimTypes.Email, ClaimTypes.Upn];
    private static readonly string[] RoleClaims = ["roles", "groups", ClaimTypes.Role];

    /// <summary>The operator's name for the audit trail, or null when the account is not an operator.</summary>
    public static string? OperatorOf(ClaimsPrincipal principal, IReadOnlyCollection<string> allowedUsers, string? requiredRole)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var names = UserClaims.SelectMany(type => principal.FindAll(type)).Select(claim => claim.Value).ToList();
        var allowed = names.Any(name => allowedUsers.Contains(name, StringComparer.OrdinalIgnoreCase))
            || (!string.IsNullOrWhiteSpace(requiredRole)
                && RoleClaims.SelectMany(type => principal.FindAll(type)).Any(claim => string.Equals(claim.Value, requiredRole, StringComparison.Ordinal)));
        if (!allowed)
        {
            return null;
        }

        var shown = principal.FindFirst("preferred_username")?.Value ?? principal.FindFirst("email")?.Value
            ?? principal.FindFirst("sub")?.Value ?? names.FirstOrDefault() ?? "unknown";
        return $"oidc:{shown}";
    }
}
