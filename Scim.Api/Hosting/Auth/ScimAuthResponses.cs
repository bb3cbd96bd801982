using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Net.Http.Headers;
using Scim.Api.Core.Errors;
using Scim.Api.Http;

namespace Scim.Api.Hosting.Auth;

/// <summary>
/// 401 and 403 answers: the SCIM error body (RFC 7644 §3.12) and <c>WWW-Authenticate</c> (RFC 6750 §3), the same
/// for every credential type. Details say what was wrong with the credential, never what it contained.
/// </summary>
internal static class ScimAuthResponses
{
    private const string Realm = "Bearer realm=\"scim\"";

    public static async Task WriteChallengeAsync(HttpContext context)
    {
        // The authentication middleware keeps only successful results; handlers cache theirs per request, so asking
        // again costs nothing and gives the reason the credential was refused.
        var failure = (await context.AuthenticateAsync()).Failure;
        string detail;
        if (failure is null)
        {
            context.Response.Headers[HeaderNames.WWWAuthenticate] = Realm;
            detail = "Authentication required: send 'Authorization: Bearer <token>'.";
        }
        else
        {
            context.Response.Headers[HeaderNames.WWWAuthenticate] =
                $"{Realm}, error=\"invalid_token\", error_description=\"{HeaderSafe(failure.Message)}\"";
            detail = $"Authentication failed: {failure.Message}";
        }

        await WriteAsync(context, StatusCodes.Status401Unauthorized, detail);
    }

    public static Task WriteForbiddenAsync(HttpContext context)
    {
        context.Response.Headers[HeaderNames.WWWAuthenticate] = $"{Realm}, error=\"insufficient_scope\"";
        var detail = context.User.HasClaim(ScimClaims.Scope, ScimClaims.ReadScope)
            ? "This credential is read-only; it may not change resources."
            : "This credential grants no SCIM access: the token carries neither the read nor the write scope or app role configured for it.";
        return WriteAsync(context, StatusCodes.Status403Forbidden, detail);
    }

    private static Task WriteAsync(HttpContext context, int status, string detail) =>
        new ScimJsonResult(ScimErrorBody.Create(status, null, detail), status).ExecuteAsync(context);

    // RFC 6750 §3: error_description is printable ASCII without '"' and '\'.
    private static string HeaderSafe(string text)
    {
        var safe = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            safe.Append(c is >= ' ' and <= '~' and not '"' and not '\\' ? c : '\'');
        }

        return safe.ToString();
    }
}
