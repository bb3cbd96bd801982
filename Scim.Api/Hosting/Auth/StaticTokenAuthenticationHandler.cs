using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Scim.Api.Hosting.Auth;

/// <summary>
/// Authenticates long-lived secret tokens against the configured hashes (<see cref="StaticTokenDirectory"/>, which
/// compares them in constant time). It also writes every 401 and 403 of the service (whichever scheme
/// authenticated), so all of them carry the SCIM error body.
/// </summary>
internal sealed class StaticTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    StaticTokenDirectory tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "ScimSecretToken";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(Authenticate());

    private AuthenticateResult Authenticate()
    {
        var read = BearerToken.Read(Request);
        if (read.Error is not null)
        {
            return AuthenticateResult.Fail(read.Error);
        }

        if (read.Token is null)
        {
            return AuthenticateResult.NoResult();
        }

        Span<byte> presented = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(read.Token), presented);
        var match = tokens.Find(presented);
        if (match?.Principal is null)
        {
            return AuthenticateResult.Fail("The bearer token is not valid.");
        }

        if (match.Token.Revoked)
        {
            return AuthenticateResult.Fail("The bearer token has been revoked.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(match.Principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        ScimAuthResponses.WriteChallengeAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ScimAuthResponses.WriteForbiddenAsync(Context);
}
