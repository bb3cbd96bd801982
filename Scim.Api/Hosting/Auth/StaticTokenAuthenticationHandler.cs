using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Scim.Api.Hosting.Auth;

/// <summary>
/// Authenticates long-lived secret tokens against the configured hashes. Every configured hash is compared in
/// constant time, so timing reveals neither which token nor how much of it matched. It also writes every 401 and
/// 403 of the service (whichever scheme authenticated), so all of them carry the SCIM error body.
/// </summary>
internal sealed class StaticTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<ScimAuthOptions> credentials)
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

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(read.Token));
        StaticToken? match = null;
        foreach (var candidate in credentials.CurrentValue.Tokens)
        {
            if (TokenHash.TryDecode(candidate.Hash, out var expected)
                && CryptographicOperations.FixedTimeEquals(presented, expected) && match is null)
            {
                match = candidate;
            }
        }

        if (match?.Tenant is null)
        {
            return AuthenticateResult.Fail("The bearer token is not valid.");
        }

        if (match.Revoked)
        {
            return AuthenticateResult.Fail("The bearer token has been revoked.");
        }

        var principal = ScimPrincipal.Create(SchemeName, match.Tenant, match.Id ?? "secret-token", canRead: true, canWrite: !match.ReadOnly);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        ScimAuthResponses.WriteChallengeAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ScimAuthResponses.WriteForbiddenAsync(Context);
}
