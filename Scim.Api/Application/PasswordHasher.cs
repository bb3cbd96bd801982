using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Scim.Api.Application;

/// <summary>
/// The User <c>password</c> is writeOnly (RFC 7643 §4.1.1): it is kept only as a salted PBKDF2-SHA512 hash and
/// never returned. The format carries its parameters so they can be raised later without breaking old hashes.
/// </summary>
internal static class PasswordHasher
{
    private const string Prefix = "$pbkdf2-sha512$";
    private const int Iterations = 210_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA512, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal) || parts.Length != 5
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations))
        {
            return false;
        }

        var salt = Convert.FromBase64String(parts[3]);
        var expected = Convert.FromBase64String(parts[4]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
