namespace Scim.Api.OperatorConsole;

/// <summary>
/// The operator console, bound from <c>Scim:Console</c>. Off unless <see cref="Enabled"/>. Operators sign in with the
/// admin credential (<c>Scim:Admin:Tokens</c>) pasted once into the sign-in form, and/or through OpenID Connect
/// (<see cref="Entra"/> through Microsoft.Identity.Web, or any <see cref="Oidc"/> authority). With
/// <c>Scim:Admin:Port</c> set the console is served only on that port, like the admin API.
/// </summary>
public sealed class ConsoleOptions
{
    public const string SectionName = "Scim:Console";

    public bool Enabled { get; set; }

    /// <summary>Whether the sign-in form accepts an admin token (for a first run without an identity provider).</summary>
    public bool AdminTokenSignIn { get; set; } = true;

    /// <summary>How long a sign-in lasts without use (sliding).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// Where the cookie keys live: a directory shared by every replica (a mounted volume); unset, in the store
    /// (SQLite file or MongoDB collection <c>consoleKeys</c>), which every replica already shares.
    /// </summary>
    public string? KeysDirectory { get; set; }

    public ConsoleOidcOptions Oidc { get; set; } = new();

    public ConsoleEntraOptions Entra { get; set; } = new();
}

/// <summary>Any OpenID Connect authority (Okta, Keycloak, Auth0, Entra's v2 endpoint …): authorization code flow with PKCE.</summary>
public sealed class ConsoleOidcOptions
{
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The button's text on the sign-in page.</summary>
    public string DisplayName { get; set; } = "OpenID Connect";

    /// <summary>Who may sign in: values of <c>sub</c>, <c>email</c> or <c>preferred_username</c>.</summary>
    public List<string> AllowedUsers { get; set; } = [];

    /// <summary>Or: anyone whose <c>roles</c> (or <c>groups</c>) claim holds this value.</summary>
    public string? RequiredRole { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(ClientId);
}

/// <summary>Microsoft Entra ID through Microsoft.Identity.Web: an app registration with a web redirect URI.</summary>
public sealed class ConsoleEntraOptions
{
    public string Instance { get; set; } = "https://login.microsoftonline.com/";

    public string? TenantId { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Who may sign in: object ids (<c>oid</c>) or user principal names.</summary>
    public List<string> AllowedUsers { get; set; } = [];

    /// <summary>Or: an app role of the registration that operators are assigned.</summary>
    public string? RequiredRole { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(TenantId) || !string.IsNullOrWhiteSpace(ClientId);
}
