using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Scim.Api.Hosting.Auth;

/// <summary>
/// One JWT bearer scheme per configured OpenID Connect authority: keys and issuer come from the authority's
/// metadata, the audience is the configured one, and a scope or app role decides between read and write.
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
                jwt.Events = JwtEvents.Create(context => MapToTenant(context, credential, credentialId, scheme));
            });
        }
    }

    private static void MapToTenant(TokenValidatedContext context, OidcCredential credential, string credentialId, string scheme)
    {
        var principal = context.Principal!;
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
