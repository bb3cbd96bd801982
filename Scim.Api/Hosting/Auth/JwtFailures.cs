using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Tokens;

namespace Scim.Api.Hosting.Auth;

/// <summary>
/// Turns a token validation exception into a detail a person can act on. IdentityModel's own messages hide their
/// values as PII and are long; these name the check that failed and nothing the token contained.
/// </summary>
internal static class JwtFailures
{
    public static string Describe(Exception exception) => exception switch
    {
        _ when IsServiceSide(exception) => "The issuer's signing keys are not available (its metadata could not be read); retry later.",
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNotYetValidException => "The token is not valid yet (nbf is in the future).",
        SecurityTokenNoExpirationException => "The token has no expiry (exp).",
        SecurityTokenInvalidLifetimeException => "The token's lifetime is not valid.",
        SecurityTokenInvalidAudienceException => "The token's audience (aud) is not one this credential accepts.",
        SecurityTokenInvalidIssuerException => "The token's issuer (iss) is not one this credential accepts.",
        SecurityTokenSignatureKeyNotFoundException => "The token is signed with a key the issuer does not publish.",
        SecurityTokenInvalidSignatureException => "The token's signature is not valid.",
        SecurityTokenInvalidAlgorithmException => "The token's signing algorithm is not accepted.",
        SecurityTokenMalformedException => "The token is not a well-formed JWT.",
        SecurityTokenDecryptionFailedException => "The token could not be decrypted.",
        SecurityTokenValidationException => "The token is not valid.",
        // Ours, raised after the token itself was found valid (an Entra directory not served, …).
        AuthenticationFailureException => exception.Message,
        _ => "The token could not be validated.",
    };

    /// <summary>
    /// No keys to check the signature with (IDX10500), or the metadata download failed: the service's trouble,
    /// not the caller's.
    /// </summary>
    public static bool IsServiceSide(Exception exception) =>
        exception is SecurityTokenSignatureKeyNotFoundException && exception.Message.StartsWith("IDX10500:", StringComparison.Ordinal)
        || exception is not (SecurityTokenException or ArgumentException or AuthenticationFailureException);
}
