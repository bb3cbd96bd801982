using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Scim.Api.Core.Events;

/// <summary>
/// Signatures as the Standard Webhooks specification defines them (standardwebhooks.com, "Signature scheme"): the
/// signed content is <c>{webhook-id}.{webhook-timestamp}.{body}</c>, the signature HMAC-SHA256 of it under the
/// secret's bytes (the base64 after <c>whsec_</c>), written <c>v1,{base64}</c>; several signatures, separated by
/// spaces, let a receiver accept the old and the new secret while one is rotated.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    /// <summary>How far a timestamp may be from the receiver's clock (the specification suggests 5 minutes).</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    private const string Version = "v1";

    /// <summary>A new secret: <c>whsec_</c> and 32 random bytes in base64 (the specification asks for 24 to 64).</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The key of a secret, with or without its <c>whsec_</c> prefix; false when it is not base64 of 24–64 bytes.</summary>
    public static bool TryDecodeSecret(string? secret, out byte[] key)
    {
        key = [];
        if (string.IsNullOrEmpty(secret))
        {
            return false;
        }

        var text = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, buffer, out var written) || written is < 24 or > 64)
        {
            return false;
        }

        key = buffer[..written];
        return true;
    }

    /// <summary>One signature, <c>v1,{base64}</c>.</summary>
    public static string Sign(string secret, string messageId, long timestamp, ReadOnlySpan<byte> body)
    {
        if (!TryDecodeSecret(secret, out var key))
        {
            throw new ArgumentException("A webhook secret is 'whsec_' followed by the base64 of 24 to 64 bytes.", nameof(secret));
        }

        var prefix = Encoding.UTF8.GetBytes(FormattableString.Invariant($"{messageId}.{timestamp}."));
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return $"{Version},{Convert.ToBase64String(HMACSHA256.HashData(key, content))}";
    }

    /// <summary>The <c>webhook-signature</c> header: one signature per secret, separated by spaces.</summary>
    public static string Header(IEnumerable<string> secrets, string messageId, long timestamp, ReadOnlySpan<byte> body)
    {
        var signatures = new List<string>();
        foreach (var secret in secrets)
        {
            signatures.Add(Sign(secret, messageId, timestamp, body));
        }

        return string.Join(' ', signatures);
    }

    /// <summary>
    /// What a receiver checks: the headers are present, the timestamp is within <paramref name="tolerance"/> of
    /// <paramref name="now"/> (replayed messages are refused), and one of the <c>v1</c> signatures matches, compared
    /// in constant time.
    /// </summary>
    public static bool Verify(
        string secret, string? messageId, string? timestampText, string? signatures, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(messageId) || string.IsNullOrEmpty(signatures)
            || !long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || Math.Abs(now.ToUnixTimeSeconds() - timestamp) > tolerance.TotalSeconds)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, messageId, timestamp, body));
        foreach (var candidate in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(candidate)))
            {
                return true;
            }
        }

        return false;
    }
}
