using System.Security.Cryptography;
using System.Text;

namespace Scim.Api.Hosting.Auth;

/// <summary>
/// Static tokens are high-entropy random strings, so one SHA-256 is enough to keep them out of configuration
/// (a slow password hash would only slow every request down); comparison is constant-time.
/// </summary>
public static class TokenHash
{
    public const string Prefix = "sha256:";

    public static string Compute(string token) =>
        Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static bool TryDecode(string? configured, out byte[] hash)
    {
        hash = [];
        if (configured is null || !configured.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var hex = configured[Prefix.Length..].Trim();
        if (hex.Length != 64)
        {
            return false;
        }

        try
        {
            hash = Convert.FromHexString(hex);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>A new random token: 32 bytes from the OS CSPRNG, base64url without padding.</summary>
    public static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
