using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Scim.Api.Core.Errors;
using Scim.Api.Http;

namespace Scim.Api.Hosting.Admin;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;token&gt;</c> against the configured admin token hashes, comparing every
/// hash in constant time. Failures answer 401 with an error body and <c>WWW-Authenticate</c> (RFC 6750 §3).
/// </summary>
internal sealed class AdminTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<AdminTokenOptions> tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
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
        if (token.Length == 0 || token.Length > AdminTokens.MaxTokenLength)
        {
            return Task.FromResult(AuthenticateResult.Fail("The bearer token is empty or too long."));
        }

        var match = AdminTokens.Match(tokens.CurrentValue.Tokens, token);
        if (match?.Id is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("The bearer token is not an admin token."));
        }

        var identity = new ClaimsIdentity([new Claim(AdminAuthorization.CredentialClaim, match.Id)], AdminAuthorization.SchemeName);
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(identity), AdminAuthorization.SchemeName);
        return Task.FromResult(AuthenticateResult.Success(ticket));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = Context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Failure;
        Response.Headers[HeaderNames.WWWAuthenticate] = failure is null
            ? "Bearer realm=\"scim-admin\""
            : "Bearer realm=\"scim-admin\", error=\"invalid_token\"";
        var detail = failure is null
            ? "Authentication required: send 'Authorization: Bearer <admin token>'."
            : $"Authentication failed: {failure.Message}";
        await new ScimJsonResult(ScimErrorBody.Create(StatusCodes.Status401Unauthorized, null, detail), StatusCodes.Status401Unauthorized)
            .ExecuteAsync(Context);
    }
}
