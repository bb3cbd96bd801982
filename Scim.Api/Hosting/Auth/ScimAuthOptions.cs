namespace Scim.Api.Hosting.Auth;

/// <summary>
/// Every credential the service accepts (<c>Scim:Auth</c>), each mapped to exactly one tenant: long-lived secret
/// tokens, Entra-issued provisioning tokens, and OAuth 2.0 access tokens from OpenID Connect authorities.
/// Any combination may be configured; at least one credential must be.
/// </summary>
public sealed class ScimAuthOptions
{
    public const string SectionName = "Scim:Auth";

    public List<StaticToken> Tokens { get; set; } = [];

    public EntraOptions Entra { get; set; } = new();

    public List<OidcCredential> Oidc { get; set; } = [];

    public bool HasAnyCredential => Tokens.Count > 0 || Entra.Tenants.Count > 0 || Oidc.Count > 0;
}

/// <summary>A long-lived secret token: only the SHA-256 of it is configured (<c>sha256:</c> and 64 hex digits).</summary>
public sealed class StaticToken
{
    /// <summary>A name for audit and logs (never the secret), e.g. "entra-prod".</summary>
    public string? Id { get; set; }

    public string? Tenant { get; set; }

    /// <summary><c>sha256:&lt;hex&gt;</c> of the token's UTF-8 bytes.</summary>
    public string? Hash { get; set; }

    public bool ReadOnly { get; set; }

    /// <summary>A revoked token is refused although its hash is still configured (kept for the audit trail).</summary>
    public bool Revoked { get; set; }
}

/// <summary>
/// Tokens Microsoft Entra ID issues itself when an admin leaves the Secret Token blank: <c>iss</c> is
/// <c>https://sts.windows.net/&lt;tenant-id&gt;/</c> (or the v2.0 issuer), <c>aud</c> the provisioning audience
/// (non-gallery apps) or the gallery app's id. Validated through Microsoft.Identity.Web.
/// </summary>
public sealed class EntraOptions
{
    /// <summary>The audience of the tokens Entra's provisioning service sends to non-gallery apps.</summary>
    public const string ProvisioningAudience = "8adf8e6e-67b2-4cf2-a259-e3dc5476c621";

    public const string DefaultInstance = "https://login.microsoftonline.com/";

    /// <summary>The Entra cloud's login endpoint (sovereign clouds differ).</summary>
    public string Instance { get; set; } = DefaultInstance;

    /// <summary>The Entra directories this deployment serves, each mapped to one of our tenants.</summary>
    public List<EntraTenant> Tenants { get; set; } = [];
}

public sealed class EntraTenant
{
    public string? Id { get; set; }

    /// <summary>The Entra directory (tenant) id, a GUID: the <c>tid</c> of its tokens.</summary>
    public string? TenantId { get; set; }

    /// <summary>Our tenant the directory's tokens act for.</summary>
    public string? Tenant { get; set; }

    /// <summary>The expected <c>aud</c>: the provisioning audience for non-gallery apps, the app's id for gallery apps.</summary>
    public string Audience { get; set; } = EntraOptions.ProvisioningAudience;

    public bool ReadOnly { get; set; }

    /// <summary>A token claim naming the caller for /Me (e.g. <c>oid</c>); none: /Me answers 501.</summary>
    public string? SubjectClaim { get; set; }

    public string SubjectAttribute { get; set; } = SubjectAttributes.UserName;

    /// <summary>
    /// The client applications (<c>appid</c>/<c>azp</c>) whose tokens this entry accepts; empty: any application the
    /// directory issued a token to for the audience.
    /// </summary>
    public List<string> AllowedClientIds { get; set; } = [];
}

/// <summary>
/// OAuth 2.0 access tokens from an OpenID Connect authority (Okta, an Entra app registration with client
/// credentials, …): the signature is checked against the authority's published keys, and the token must carry the
/// configured audience. A scope (<c>scp</c>/<c>scope</c>) or app role (<c>roles</c>) grants read or write. Tokens of
/// a Microsoft Entra authority must be application tokens (no user behind them).
/// </summary>
public sealed class OidcCredential
{
    public const string DefaultReadPermission = "scim.read";
    public const string DefaultWritePermission = "scim.write";

    public string? Id { get; set; }

    public string? Tenant { get; set; }

    /// <summary>The issuer's base URL; its metadata is read from <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>Where the metadata lives when it is not under the authority.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>The <c>iss</c> of the tokens when it differs from the authority (Entra v1 tokens: https://sts.windows.net/&lt;tid&gt;/).</summary>
    public string? Issuer { get; set; }

    public string? Audience { get; set; }

    /// <summary>The scope or app role that grants read access (never empty: that would grant it to every token).</summary>
    public string ReadPermission { get; set; } = DefaultReadPermission;

    /// <summary>The scope or app role that grants read and write access (never empty).</summary>
    public string WritePermission { get; set; } = DefaultWritePermission;

    /// <summary>
    /// The client applications whose tokens this credential accepts, as the token names them (<c>azp</c>,
    /// <c>appid</c>, <c>client_id</c> or <c>cid</c>); empty: any client the authority issued a token to for the audience.
    /// </summary>
    public List<string> AllowedClientIds { get; set; } = [];

    public string? SubjectClaim { get; set; }

    public string SubjectAttribute { get; set; } = SubjectAttributes.UserName;

    /// <summary>The issuer the tokens carry, as compared (no trailing slash).</summary>
    public string? EffectiveIssuer => (Issuer ?? Authority)?.TrimEnd('/');
}

/// <summary>The User attributes a credential's subject may be matched against for /Me.</summary>
public static class SubjectAttributes
{
    public const string UserName = "userName";
    public const string ExternalId = "externalId";

    public static bool IsSupported(string? attribute) =>
        string.Equals(attribute, UserName, StringComparison.OrdinalIgnoreCase)
        || string.Equals(attribute, ExternalId, StringComparison.OrdinalIgnoreCase);
}
