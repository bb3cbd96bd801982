namespace Scim.Api.Hosting.Auth;

/// <summary>Reads <c>Authorization: Bearer &lt;token&gt;</c> (RFC 6750 §2.1) without ever copying the token into a message.</summary>
internal static class BearerToken
{
    // A secret token is 43 characters and a JWT a few kilobytes; anything longer is refused before it is parsed.
    public const int MaxLength = 16 * 1024;

    private const string Scheme = "Bearer ";

    public static BearerTokenRead Read(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return new BearerTokenRead(null, null);
        }

        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return new BearerTokenRead(null, "The Authorization header must use the Bearer scheme.");
        }

        var token = header[Scheme.Length..].Trim();
        if (token.Length == 0)
        {
            return new BearerTokenRead(null, "The bearer token is empty.");
        }

        return token.Length > MaxLength
            ? new BearerTokenRead(null, $"The bearer token is longer than the {MaxLength} characters this service accepts.")
            : new BearerTokenRead(token, null);
    }

    /// <summary>A JWS in compact form has exactly two dots (RFC 7515 §7.1); a secret token has none.</summary>
    public static bool LooksLikeJwt(string token) => token.Count(c => c == '.') == 2;
}

/// <summary>The token, or why there is none; both null when no Authorization header was sent.</summary>
internal readonly record struct BearerTokenRead(string? Token, string? Error);
