using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Scim.Api.Hosting.Auth;

/// <summary>
/// One JWT bearer scheme per configured OpenID Connect authority: keys and issuer come from the authority's
/// metadata, the audience is the configured one, and a scope or app role decides between read and write. The token's
/// client application must be one the credential lists (when it lists any), and an Entra token must be an
/// application's own: Entra tells them apart, and a user's delegated token may come from any client the user runs.
/// </summary>
internal static class OidcAuthentication
{
    public static string SchemeName(int index) => $"ScimOidc{index}";

    public static void Add(AuthenticationBuilder authentication, List<OidcCredential> credentials)
    {
        for (var i = 0; i < credentials.Count; i++)
        {
            var credential = credentials[i];
            var scheme = SchemeName(i);
            var credentialId = credential.Id ?? $"oidc-{i}";
            var appOnly = EntraAuthentication.IsEntraAuthority(credential.Authority) || EntraAuthentication.IsEntraAuthority(credential.Issuer);
            authentication.AddJwtBearer(scheme, jwt =>
            {
                jwt.Authority = credential.Authority;
                if (!string.IsNullOrWhiteSpace(credential.MetadataAddress))
                {
                    jwt.MetadataAddress = credential.MetadataAddress;
                }

                jwt.Audience = credential.Audience;
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters.ValidAudience = credential.Audience;
                if (!string.IsNullOrWhiteSpace(credential.Issuer))
                {
                    jwt.TokenValidationParameters.ValidIssuer = credential.Issuer;
                }

                jwt.TokenValidationParameters.ValidAlgorithms = JwtClaims.AcceptedAlgorithms;
                jwt.Events = JwtEvents.Create(context => MapToTenant(context, credential, credentialId, scheme, appOnly));
            });
        }
    }

    private static void MapToTenant(TokenValidatedContext context, OidcCredential credential, string credentialId, string scheme, bool appOnly)
    {
        var principal = context.Principal!;
        if (appOnly && !ClientApplication.IsEntraAppOnly(principal))
        {
            context.Fail(ClientApplication.DelegatedRefusal);
            return;
        }

        if (ClientApplication.Refusal(principal, credential.AllowedClientIds) is { } refusal)
        {
            context.Fail(refusal);
            return;
        }

        var permissions = JwtClaims.PermissionsOf(principal);
        var canWrite = JwtClaims.Grants(credential.WritePermission, permissions);
        var canRead = canWrite || JwtClaims.Grants(credential.ReadPermission, permissions);
        context.Principal = ScimPrincipal.Create(
            scheme,
            credential.Tenant!,
            credentialId,
            canRead,
            canWrite,
            JwtClaims.SubjectOf(principal, credential.SubjectClaim),
            credential.SubjectAttribute);
    }
}
