using System.Security.Claims;

namespace Scim.Api.Hosting.Auth;

/// <summary>
/// Which client application a validated access token was issued to, and whether a user stands behind it. The client
/// is named by <c>azp</c> (OpenID Connect, Entra v2 tokens), <c>appid</c> (Entra v1 tokens), <c>client_id</c>
/// (RFC 9068 §2.2) or <c>cid</c> (Okta); a token that names it in several claims must be allowed under each.
/// </summary>
internal static class ClientApplication
{
    public const string DelegatedRefusal = "The token was issued for a signed-in user (delegated); this credential accepts only application tokens.";

    private static readonly string[] ClientIdClaims = ["azp", "appid", "client_id", "cid"];

    public static List<string> IdsOf(ClaimsPrincipal principal) =>
        principal.Claims.Where(c => ClientIdClaims.Contains(c.Type, StringComparer.Ordinal)).Select(c => c.Value).ToList();

    /// <summary>Null when the credential lists no client or the token's client is listed; otherwise why it is refused.</summary>
    public static string? Refusal(ClaimsPrincipal principal, IReadOnlyCollection<string> allowed)
    {
        if (allowed.Count == 0)
        {
            return null;
        }

        var ids = IdsOf(principal);
        if (ids.Count == 0)
        {
            return "The token names no client application (azp, appid, client_id or cid), and this credential accepts only the ones it lists.";
        }

        return ids.All(id => allowed.Any(a => SameClient(a, id)))
            ? null
            : "The token's client application is not one this credential accepts.";
    }

    /// <summary>
    /// Whether an Entra token was issued to an application acting as itself. <c>idtyp</c>, when the app registration
    /// asks for this optional claim, says so directly; without it, a token with <c>scp</c> is a user's, since Entra puts
    /// scopes only in delegated tokens and app permissions in <c>roles</c> (Microsoft identity platform, "Access token
    /// claims reference"; "Secure applications and APIs by validating claims": authorise an application by appid/azp
    /// only with tokens of type app, as delegated tokens can be obtained by others).
    /// </summary>
    public static bool IsEntraAppOnly(ClaimsPrincipal principal) =>
        principal.FindFirst("idtyp")?.Value is { } type
            ? string.Equals(type, "app", StringComparison.Ordinal)
            : principal.FindFirst("scp") is null;

    // Entra writes application ids as lower-case GUIDs; an operator may paste them in upper case.
    private static bool SameClient(string configured, string presented) =>
        Guid.TryParse(configured, out var a) && Guid.TryParse(presented, out var b)
            ? a == b
            : string.Equals(configured.Trim(), presented, StringComparison.Ordinal);
}
