using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Scim.Api.Hosting.Auth;

/// <summary>
/// Tokens Entra's provisioning service issues itself (Secret Token left blank), validated by Microsoft.Identity.Web's
/// JWT bearer set-up (multi-tenant authority, signature against Entra's published keys and signing-key issuer,
/// lifetime, audience) with an issuer that names the token's own directory in the v1
/// (<c>https://sts.windows.net/&lt;tid&gt;/</c>) or v2 form. Then the directory must be one this deployment serves, the
/// token an application's own (never a user's), and its client application one the directory's entry allows.
/// </summary>
internal static class EntraAuthentication
{
    public const string SchemeName = "ScimEntra";
    public const string V1IssuerPrefix = "https://sts.windows.net/";

    // Any work or school directory: which ones are served is decided by our own mapping, after validation.
    private const string MultiTenantAuthority = "organizations";

    // The login and v1 issuer hosts of Entra's public and national clouds.
    private static readonly HashSet<string> EntraHosts = new(StringComparer.OrdinalIgnoreCase)
    {
        "login.microsoftonline.com", "login.microsoft.com", "login.windows.net", "sts.windows.net",
        "login.microsoftonline.us", "login.chinacloudapi.cn", "sts.chinacloudapi.cn", "login.partner.microsoftonline.cn",
    };

    /// <summary>Whether an authority or issuer URL is Microsoft Entra ID's, whose tokens tell apps from users.</summary>
    public static bool IsEntraAuthority(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && EntraHosts.Contains(uri.Host);

    public static void Add(AuthenticationBuilder authentication, EntraOptions entra)
    {
        var tenants = entra.Tenants.ToList();
        var audiences = tenants.Select(t => t.Audience).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        authentication.AddMicrosoftIdentityWebApi(
            jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters.ValidAudiences = audiences;
                jwt.TokenValidationParameters.IssuerValidator = EntraIssuerValidator.For(entra.Instance);
                jwt.TokenValidationParameters.ValidAlgorithms = JwtClaims.AcceptedAlgorithms;
                jwt.Events = JwtEvents.Create(context => MapToTenant(context, tenants));
            },
            identity =>
            {
                identity.Instance = entra.Instance;
                identity.TenantId = MultiTenantAuthority;
                identity.ClientId = audiences.FirstOrDefault() ?? EntraOptions.ProvisioningAudience;
                // Entra's provisioning tokens carry no scope or app role: the directory mapping is the permission.
                identity.AllowWebApiToBeAuthorizedByACL = true;
            },
            SchemeName);
    }

    public static string V2IssuerPrefix(string instance) => instance.TrimEnd('/') + "/";

    private static void MapToTenant(TokenValidatedContext context, List<EntraTenant> tenants)
    {
        var principal = context.Principal!;
        var directory = principal.FindFirst("tid")?.Value;
        var audiences = (context.SecurityToken as JsonWebToken)?.Audiences.ToList() ?? [];
        var match = tenants.FirstOrDefault(t =>
            Guid.TryParse(t.TenantId, out var configured) && Guid.TryParse(directory, out var presented) && configured == presented
            && audiences.Contains(t.Audience, StringComparer.OrdinalIgnoreCase));
        if (match?.Tenant is null)
        {
            context.Fail($"The Entra directory '{directory}' is not served by this deployment for the token's audience.");
            return;
        }

        if (!ClientApplication.IsEntraAppOnly(principal))
        {
            context.Fail(ClientApplication.DelegatedRefusal);
            return;
        }

        if (ClientApplication.Refusal(principal, match.AllowedClientIds) is { } refusal)
        {
            context.Fail(refusal);
            return;
        }

        context.Principal = ScimPrincipal.Create(
            SchemeName,
            match.Tenant,
            match.Id ?? $"entra-{match.TenantId}",
            canRead: true,
            canWrite: !match.ReadOnly,
            JwtClaims.SubjectOf(principal, match.SubjectClaim),
            match.SubjectAttribute);
    }
}
