namespace Scim.Api.Hosting.Admin;

/// <summary>
/// Operator tokens for the admin API (<c>Scim:Admin:Tokens</c>), apart from the provisioning tokens: an admin token
/// belongs to no tenant and cannot provision, and no provisioning token reaches the admin API. Only the SHA-256 hash
/// of each token is configured (<c>sha256:</c> and 64 hex digits), as for provisioning tokens. None configured means
/// the admin API refuses every request.
/// </summary>
public sealed class AdminTokenOptions
{
    public const string SectionName = "Scim:Admin";

    public List<AdminToken> Tokens { get; set; } = [];
}

public sealed class AdminToken
{
    /// <summary>A name recorded in the audit trail for restores made with this token (never the secret).</summary>
    public string? Id { get; set; }

    /// <summary><c>sha256:&lt;hex&gt;</c> of the token's UTF-8 bytes.</summary>
    public string? Hash { get; set; }
}
