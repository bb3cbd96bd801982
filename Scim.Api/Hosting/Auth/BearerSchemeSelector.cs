using Microsoft.IdentityModel.JsonWebTokens;

namespace Scim.Api.Hosting.Auth;

/// <summary>
/// Chooses which handler validates a request's token: a token without two dots is a secret token; a JWT goes to the
/// OIDC authority whose issuer and audience it names, or to the Entra handler when it names an Entra issuer and a
/// provisioning audience, or else to a handler that refuses it. Choosing reads the token unverified; the chosen
/// handler then checks everything, so a forged issuer only picks a validator that will reject it.
/// </summary>
internal sealed class BearerSchemeSelector(ScimAuthOptions credentials)
{
    private readonly List<(string Issuer, string Audience, string Scheme)> _oidc =
        [.. credentials.Oidc.Select((c, i) => (c.EffectiveIssuer ?? "", c.Audience ?? "", OidcAuthentication.SchemeName(i)))];

    private readonly HashSet<string> _entraAudiences =
        new(credentials.Entra.Tenants.Select(t => t.Audience), StringComparer.OrdinalIgnoreCase);

    private readonly string _entraV2Prefix = EntraAuthentication.V2IssuerPrefix(credentials.Entra.Instance);

    public string Select(HttpContext context)
    {
        var token = BearerToken.Read(context.Request).Token;
        if (token is null || !BearerToken.LooksLikeJwt(token))
        {
            return StaticTokenAuthenticationHandler.SchemeName;
        }

        var jwt = TryRead(token);
        if (jwt is null)
        {
            return UntrustedTokenHandler.SchemeName;
        }

        var issuer = jwt.Issuer.TrimEnd('/');
        var audiences = jwt.Audiences.ToList();
        foreach (var (expectedIssuer, audience, scheme) in _oidc)
        {
            if (string.Equals(issuer, expectedIssuer, StringComparison.Ordinal) && audiences.Contains(audience, StringComparer.Ordinal))
            {
                return scheme;
            }
        }

        return IsEntraIssuer(jwt.Issuer) && audiences.Any(_entraAudiences.Contains)
            ? EntraAuthentication.SchemeName
            : UntrustedTokenHandler.SchemeName;
    }

    public static JsonWebToken? TryRead(string token)
    {
        try
        {
            return new JsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private bool IsEntraIssuer(string issuer) =>
        issuer.StartsWith(EntraAuthentication.V1IssuerPrefix, StringComparison.OrdinalIgnoreCase)
        || (issuer.StartsWith(_entraV2Prefix, StringComparison.OrdinalIgnoreCase) && issuer.EndsWith("/v2.0", StringComparison.OrdinalIgnoreCase));
}
