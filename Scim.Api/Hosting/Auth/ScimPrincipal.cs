using System.Security.Claims;

namespace Scim.Api.Hosting.Auth;

/// <summary>Builds the one principal shape every credential type ends in (see <see cref="ScimClaims"/>).</summary>
internal static class ScimPrincipal
{
    public static ClaimsPrincipal Create(
        string authenticationType,
        string tenant,
        string credentialId,
        bool canRead,
        bool canWrite,
        string? subject = null,
        string? subjectAttribute = null)
    {
        var claims = new List<Claim>
        {
            new(ScimClaims.Tenant, tenant),
            new(ScimClaims.CredentialId, credentialId),
        };
        if (canRead || canWrite)
        {
            claims.Add(new Claim(ScimClaims.Scope, ScimClaims.ReadScope));
        }

        if (canWrite)
        {
            claims.Add(new Claim(ScimClaims.Scope, ScimClaims.WriteScope));
        }

        if (!string.IsNullOrEmpty(subject) && subjectAttribute is not null)
        {
            claims.Add(new Claim(ScimClaims.Subject, subject));
            claims.Add(new Claim(ScimClaims.SubjectAttribute, subjectAttribute));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType));
    }
}
