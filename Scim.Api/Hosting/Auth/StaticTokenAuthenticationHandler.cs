using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Scim.Api.Core.Errors;
using Scim.Api.Endpoints;

namespace Scim.Api.Hosting.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;token&gt;</c> against the configured token hashes. Every configured
/// hash is compared in constant time, so timing reveals neither which token nor how much of it matched.
/// Failures answer 401 with the SCIM error body and <c>WWW-Authenticate</c> (RFC 6750 §3).
/// </summary>
internal sealed class StaticTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<StaticTokenOptions> tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "ScimBearer";

    // Longer headers are rejected before hashing: a token is 43 characters, JWTs a few kilobytes.
    private const int MaxTokenLength = 16 * 1024;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.Fail("The Authorization header must use the Bearer scheme."));
        }

        var token = header["Bearer ".Length..].Trim();
        if (token.Length == 0 || token.Length > MaxTokenLength)
        {
            return Task.FromResult(AuthenticateResult.Fail("The bearer token is empty or too long."));
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        StaticToken? match = null;
        foreach (var candidate in tokens.CurrentValue.Tokens)
        {
            if (TokenHash.TryDecode(candidate.Hash, out var expected)
                && CryptographicOperations.FixedTimeEquals(presented, expected) && match is null)
            {
                match = candidate;
            }
        }

        if (match?.Tenant is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("The bearer token is not valid."));
        }

        var claims = new List<Claim>
        {
            new(ScimClaims.Tenant, match.Tenant),
            new(ScimClaims.CredentialId, match.Id ?? "static-token"),
            new(ScimClaims.Scope, ScimClaims.ReadScope),
        };
        if (!match.ReadOnly)
        {
            claims.Add(new Claim(ScimClaims.Scope, ScimClaims.WriteScope));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = Context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Failure;
        Response.Headers[HeaderNames.WWWAuthenticate] = failure is null
            ? "Bearer realm=\"scim\""
            : "Bearer realm=\"scim\", error=\"invalid_token\"";
        var detail = failure is null
            ? "Authentication required: send 'Authorization: Bearer <token>'."
            : $"Authentication failed: {failure.Message}";
        await new ScimJsonResult(ScimErrorBody.Create(StatusCodes.Status401Unauthorized, null, detail), StatusCodes.Status401Unauthorized)
            .ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer realm=\"scim\", error=\"insufficient_scope\"";
        await new ScimJsonResult(
            ScimErrorBody.Create(StatusCodes.Status403Forbidden, null, "This credential is read-only; it may not change resources."),
            StatusCodes.Status403Forbidden).ExecuteAsync(Context);
    }
}
