using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Scim.Api.Hosting.Auth;

/// <summary>Refuses a JWT that no configured credential would validate: unreadable, or from an issuer/audience we do not trust.</summary>
internal sealed class UntrustedTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "ScimUntrustedJwt";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = BearerToken.Read(Request).Token;
        var message = token is null || BearerSchemeSelector.TryRead(token) is null
            ? "The bearer token is not a well-formed JWT."
            : "The token's issuer and audience match no Entra directory or OIDC authority configured for this service.";
        return Task.FromResult(AuthenticateResult.Fail(message));
    }
}
