namespace Scim.Api.Hosting.Auth;

/// <summary>
/// Long-lived bearer tokens from configuration (<c>Scim:Auth:Tokens</c>), each mapped to one tenant.
/// Only a SHA-256 hash of each token is configured (<c>sha256:</c> followed by 64 hex digits), never the token.
/// </summary>
public sealed class StaticTokenOptions
{
    public const string SectionName = "Scim:Auth";

    public List<StaticToken> Tokens { get; set; } = [];
}

public sealed class StaticToken
{
    /// <summary>A name for audit and logs (never the secret), e.g. "entra-prod".</summary>
    public string? Id { get; set; }

    public string? Tenant { get; set; }

    /// <summary><c>sha256:&lt;hex&gt;</c> of the token's UTF-8 bytes.</summary>
    public string? Hash { get; set; }

    public bool ReadOnly { get; set; }
}
