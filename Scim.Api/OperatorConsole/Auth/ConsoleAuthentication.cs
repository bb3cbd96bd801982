namespace Scim.Api.OperatorConsole.Auth;

/// <summary>The console's own schemes, cookie, claim and policy: nothing here authenticates a SCIM or admin API request.</summary>
public static class ConsoleAuthentication
{
    public const string CookieScheme = "ScimConsole";
    public const string OidcScheme = "ScimConsoleOidc";
    public const string Policy = "scim:console";

    /// <summary>Who the operator is, as audit records name them: <c>admin:ops</c>, <c>oidc:ada@example.com</c>.</summary>
    public const string OperatorClaim = "scim_operator";

    /// <summary><c>__Host-</c>: the browser keeps it only if Secure, for path / and this host alone.</summary>
    public const string CookieName = "__Host-scim-console";

    public const string AntiforgeryCookieName = "__Host-scim-console-af";

    public const string SignInPath = "/console/signin";
    public const string OidcSignInPath = "/console/signin/oidc";
    public const string OidcCallbackPath = "/console/signin-oidc";
    public const string SignedInPath = "/console/signin/complete";
    public const string SignOutPath = "/console/signout";
}
