using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Scim.Api.Core.Errors;

namespace Scim.Api.Core.Paging.Cursors;

/// <summary>
/// Makes and opens opaque cursors (RFC 9865 §2). A cursor is encrypted and authenticated with AES-256-GCM, so it
/// reveals nothing of what it holds (the store position, which can be a sort value, and the tenant) and cannot be
/// altered: version byte, key id, nonce, ciphertext and tag, base64url-encoded; the version and key id are
/// authenticated with it. Keys form a ring: the first issues every cursor, all of them open cursors, so a key can be
/// rotated in (first) and out (last, once the cursors it issued have expired) without breaking an open listing.
/// Anything that is not a cursor one of these keys issued for this tenant and query is a 400 <c>invalidCursor</c>;
/// a cursor older than <see cref="Lifetime"/> is a 400 <c>expiredCursor</c>.
/// </summary>
public sealed class CursorCodec
{
    public const int MinimumKeyBytes = 32;

    // Far beyond any cursor we issue (a few hundred characters), small enough that decoding garbage is cheap.
    private const int MaximumCursorLength = 4096;
    private const byte FormatVersion = 2;
    private const int HeaderBytes = 1 + CursorKey.IdBytes;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly CursorKey[] _keys;
    private readonly TimeProvider _time;

    /// <param name="keys">The secrets of the key ring, the current one first; each at least <see cref="MinimumKeyBytes"/> bytes.</param>
    public CursorCodec(IReadOnlyList<byte[]> keys, TimeSpan lifetime, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(time);
        if (keys.Count == 0)
        {
            throw new ArgumentException("The cursor key ring needs at least one key.", nameof(keys));
        }

        if (keys.Any(key => key is null || key.Length < MinimumKeyBytes))
        {
            throw new ArgumentException($"A cursor key needs at least {MinimumKeyBytes} bytes.", nameof(keys));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        _keys = [.. keys.Select(key => new CursorKey(key))];
        _time = time;
        Lifetime = lifetime;
    }

    public TimeSpan Lifetime { get; }

    public string Issue(CursorDirection direction, string position, string tenant, string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(position);
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(fingerprint);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(direction == CursorDirection.Next ? "n" : "p");
            writer.WriteStringValue(position);
            writer.WriteStringValue(tenant);
            writer.WriteStringValue(fingerprint);
            writer.WriteNumberValue(_time.GetUtcNow().ToUnixTimeSeconds());
            writer.WriteEndArray();
        }

        var plaintext = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        var key = _keys[0];
        var bytes = new byte[HeaderBytes + NonceBytes + plaintext.Length + TagBytes];
        bytes[0] = FormatVersion;
        key.Id.CopyTo(bytes, 1);
        var nonce = bytes.AsSpan(HeaderBytes, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key.EncryptionKey, TagBytes);
        aes.Encrypt(nonce, plaintext, bytes.AsSpan(HeaderBytes + NonceBytes, plaintext.Length), bytes.AsSpan(bytes.Length - TagBytes), bytes.AsSpan(0, HeaderBytes));
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Decrypts a cursor, checks its tenant, query and age, and returns what it designates.</summary>
    public PageCursor Open(string cursor, string tenant, string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        var payload = Decrypted(cursor);
        var opened = Parse(payload);
        if (!string.Equals(opened.Tenant, tenant, StringComparison.Ordinal))
        {
            throw ScimException.InvalidCursor("The cursor was issued to another tenant; start again with an empty cursor.");
        }

        if (!string.Equals(opened.Fingerprint, fingerprint, StringComparison.Ordinal))
        {
            throw ScimException.InvalidCursor(
                "The cursor belongs to a query with another resource type, filter, sortBy or sortOrder; repeat the original "
                + "parameters unchanged with the cursor, or start again with an empty cursor (RFC 9865 §2.2).");
        }

        var age = _time.GetUtcNow() - opened.IssuedAt;
        if (age > Lifetime)
        {
            throw ScimException.ExpiredCursor(
                $"The cursor expired: cursors are valid for {Lifetime.TotalSeconds:0} seconds (cursorTimeout); start again with an empty cursor.");
        }

        return opened;
    }

    private byte[] Decrypted(string cursor)
    {
        if (cursor.Length > MaximumCursorLength)
        {
            throw Invalid("is longer than any cursor this service issues");
        }

        var bytes = new byte[Base64Url.GetMaxDecodedLength(cursor.Length)];
        if (!Base64Url.IsValid(cursor) || Base64Url.DecodeFromChars(cursor, bytes) is var length && length <= HeaderBytes + NonceBytes + TagBytes)
        {
            throw Invalid("is not one this service issued");
        }

        if (bytes[0] != FormatVersion)
        {
            throw Invalid("has a format this service no longer reads");
        }

        var key = FindKey(bytes.AsSpan(1, CursorKey.IdBytes)) ?? throw Invalid("was issued with a key this service no longer holds");
        var ciphertextLength = length - HeaderBytes - NonceBytes - TagBytes;
        var plaintext = new byte[ciphertextLength];
        try
        {
            using var aes = new AesGcm(key.EncryptionKey, TagBytes);
            aes.Decrypt(
                bytes.AsSpan(HeaderBytes, NonceBytes),
                bytes.AsSpan(HeaderBytes + NonceBytes, ciphertextLength),
                bytes.AsSpan(length - TagBytes, TagBytes),
                plaintext,
                bytes.AsSpan(0, HeaderBytes));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw Invalid("was modified or was not issued by this service");
        }

        return plaintext;
    }

    private CursorKey? FindKey(ReadOnlySpan<byte> id)
    {
        foreach (var key in _keys)
        {
            if (id.SequenceEqual(key.Id))
            {
                return key;
            }
        }

        return null;
    }

    private static PageCursor Parse(byte[] payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload);
            Expect(ref reader, JsonTokenType.StartArray);
            var direction = ReadString(ref reader) switch
            {
                "n" => CursorDirection.Next,
                "p" => CursorDirection.Previous,
                _ => throw Invalid("has an unknown direction"),
            };
            var position = ReadString(ref reader);
            var tenant = ReadString(ref reader);
            var fingerprint = ReadString(ref reader);
            Expect(ref reader, JsonTokenType.Number);
            var issuedAt = DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64());
            Expect(ref reader, JsonTokenType.EndArray);
            return new PageCursor(direction, position, tenant, fingerprint, issuedAt);
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException or ArgumentOutOfRangeException)
        {
            throw Invalid("cannot be read");
        }
    }

    private static string ReadString(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.String);
        return reader.GetString()!;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw new FormatException($"Expected {type}.");
        }
    }

    private static ScimException Invalid(string reason) =>
        ScimException.InvalidCursor($"The cursor {reason}; use a nextCursor or previousCursor from a response, or an empty cursor for the first page.");
}
