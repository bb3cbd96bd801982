using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Scim.Api.Application;

/// <summary>
/// The User <c>password</c> is writeOnly (RFC 7643 §4.1.1): it is kept only as a salted Argon2id hash (RFC 9106)
/// in the PHC string format, which carries its parameters so they can be raised later without breaking old
/// hashes, and it is never returned. PBKDF2-SHA512 hashes written by earlier versions still verify.
/// Argon2id is libsodium's (through NSec): native code that allocates its 12 MiB outside the managed heap and
/// frees it when done, several times faster than a managed implementation. libsodium has one lane only, which is
/// what every hash this service wrote uses (p=1); a hash with more lanes does not verify.
/// Each call takes a core for tens of milliseconds: callers go through <see cref="PasswordHashing"/>, which bounds
/// how many run at once.
/// </summary>
internal static class PasswordHasher
{
    // One of OWASP's equivalent Argon2id settings (Password Storage Cheat Sheet: 19 MiB and 2 passes, 12 MiB and 3,
    // 9 MiB and 4, … give the same defence): 12 MiB, 3 passes, 1 lane. On a 2-core machine it hashes about twice as
    // fast as 19 MiB with 2 passes, because 12 MiB stays in the processor's cache (docs/benchmarks.md).
    private const int MemoryKib = 12 * 1024;
    private const int Passes = 3;
    private const int Lanes = 1;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const string Argon2Prefix = "$argon2id$v=19$";
    private const string Pbkdf2Prefix = "$pbkdf2-sha512$";

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Argon2(password, salt, MemoryKib, Passes, Lanes, HashBytes);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Argon2Prefix}m={MemoryKib},t={Passes},p={Lanes}${Base64(salt)}${Base64(hash)}");
    }

    public static bool Verify(string password, string stored)
    {
        try
        {
            return stored.StartsWith(Argon2Prefix, StringComparison.Ordinal) ? VerifyArgon2(password, stored)
                : stored.StartsWith(Pbkdf2Prefix, StringComparison.Ordinal) && VerifyPbkdf2(password, stored);
        }
        catch (Exception malformed) when (malformed is FormatException or ArgumentException)
        {
            return false;
        }
    }

    // $argon2id$v=19$m=12288,t=3,p=1$<salt>$<hash>; any parameters in the string verify, as earlier versions wrote them.
    private static bool VerifyArgon2(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 6)
        {
            return false;
        }

        var parameters = parts[3].Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p.Length == 2 ? p[1] : "");
        if (!TryInt(parameters, "m", out var memory) || !TryInt(parameters, "t", out var passes) || !TryInt(parameters, "p", out var lanes)
            || memory is < 8 or > 4 * 1024 * 1024 || passes is < 1 or > 100 || lanes is < 1 or > 64)
        {
            return false;
        }

        var expected = FromBase64(parts[5]);
        var actual = Argon2(password, FromBase64(parts[4]), memory, passes, lanes, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    // $pbkdf2-sha512$<iterations>$<salt>$<hash>, as written before Argon2id.
    private static bool VerifyPbkdf2(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 5 || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return false;
        }

        var salt = Convert.FromBase64String(parts[3]);
        var expected = Convert.FromBase64String(parts[4]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static byte[] Argon2(string password, byte[] salt, int memoryKib, int passes, int lanes, int length)
    {
        if (lanes != 1 || salt.Length != 16)
        {
            throw new ArgumentException("Only single-lane Argon2id hashes with a 16-byte salt are supported.");
        }

        var algorithm = PasswordBasedKeyDerivationAlgorithm.Argon2id(
            new Argon2Parameters { DegreeOfParallelism = 1, MemorySize = memoryKib, NumberOfPasses = passes });
        return algorithm.DeriveBytes(Encoding.UTF8.GetBytes(password), salt, length);
    }

    private static bool TryInt(Dictionary<string, string> parameters, string name, out int value)
    {
        value = 0;
        return parameters.TryGetValue(name, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    // PHC strings use base64 without padding.
    private static string Base64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static byte[] FromBase64(string text) => Convert.FromBase64String(text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '='));
}
