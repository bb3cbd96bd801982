using System.Security.Cryptography;
using System.Text;
using Scim.Api.Hosting.Auth;

namespace Scim.Api.Hosting.Admin;

/// <summary>The one comparison of a presented admin token with the configured hashes, for the admin API and the console.</summary>
public static class AdminTokens
{
    public const int MaxTokenLength = 16 * 1024;

    /// <summary>The configured token whose hash matches; every hash is compared, each in constant time.</summary>
    public static AdminToken? Match(IEnumerable<AdminToken> configured, string? token)
    {
        ArgumentNullException.ThrowIfNull(configured);
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return null;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        AdminToken? match = null;
        foreach (var candidate in configured)
        {
            if (TokenHash.TryDecode(candidate.Hash, out var expected)
                && CryptographicOperations.FixedTimeEquals(presented, expected) && match is null)
            {
                match = candidate;
            }
        }

        return match?.Id is null ? null : match;
    }
}
