using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Scim.Api.Hosting.Auth;

/// <summary>
/// An Entra token's issuer must name the directory in its own <c>tid</c>, in the v1 form Entra's provisioning
/// service uses or the v2 form. Microsoft.Identity.Web's validator checks the same templates but, when none
/// matches, downloads Entra's common metadata for every such token; this one decides from the token alone.
/// </summary>
internal static class EntraIssuerValidator
{
    public static IssuerValidator For(string instance) => (issuer, token, validation) =>
    {
        var directory = token is JsonWebToken jwt && jwt.TryGetPayloadValue<string>("tid", out var tid) ? tid : null;
        if (directory is null || !Guid.TryParse(directory, out _))
        {
            throw new SecurityTokenInvalidIssuerException("The token carries no Entra directory id (tid).");
        }

        if (string.Equals(issuer, $"{EntraAuthentication.V1IssuerPrefix}{directory}/", StringComparison.Ordinal)
            || string.Equals(issuer, $"{EntraAuthentication.V2IssuerPrefix(instance)}{directory}/v2.0", StringComparison.Ordinal))
        {
            return issuer;
        }

        throw new SecurityTokenInvalidIssuerException("The token's issuer does not name the directory in its tid.");
    };
}
