using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Scim.Api.Core.Errors;

namespace Scim.Api.Core.Paging.Cursors;

/// <summary>
/// Makes and opens opaque, tamper-evident cursors (RFC 9865 §2): a compact JSON payload followed by its
/// HMAC-SHA256 tag, base64url-encoded. Anything that is not a cursor this key signed for this tenant and query is
/// a 400 <c>invalidCursor</c>; a cursor older than <see cref="Lifetime"/> is a 400 <c>expiredCursor</c>.
/// </summary>
public sealed class CursorCodec
{
    public const int MinimumKeyBytes = 32;

    // Far beyond any cursor we issue (a few hundred characters), small enough that decoding garbage is cheap.
    private const int MaximumCursorLength = 4096;
    private const int TagBytes = 32;
    private const int FormatVersion = 1;

    private readonly byte[] _key;
    private readonly TimeProvider _time;

    public CursorCodec(byte[] key, TimeSpan lifetime, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(time);
        if (key.Length < MinimumKeyBytes)
        {
            throw new ArgumentException($"A cursor signing key needs at least {MinimumKeyBytes} bytes.", nameof(key));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        _key = [.. key];
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
            writer.WriteNumberValue(FormatVersion);
            writer.WriteStringValue(direction == CursorDirection.Next ? "n" : "p");
            writer.WriteStringValue(position);
            writer.WriteStringValue(tenant);
            writer.WriteStringValue(fingerprint);
            writer.WriteNumberValue(_time.GetUtcNow().ToUnixTimeSeconds());
            writer.WriteEndArray();
        }

        var payloadLength = (int)buffer.Length;
        var bytes = new byte[payloadLength + TagBytes];
        buffer.GetBuffer().AsSpan(0, payloadLength).CopyTo(bytes);
        HMACSHA256.HashData(_key, bytes.AsSpan(0, payloadLength), bytes.AsSpan(payloadLength));
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Checks the signature, the tenant, the query and the age of a cursor, and returns what it designates.</summary>
    public PageCursor Open(string cursor, string tenant, string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        var payload = VerifiedPayload(cursor);
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

    private byte[] VerifiedPayload(string cursor)
    {
        if (cursor.Length > MaximumCursorLength)
        {
            throw Invalid("is longer than any cursor this service issues");
        }

        var bytes = new byte[Base64Url.GetMaxDecodedLength(cursor.Length)];
        if (!Base64Url.IsValid(cursor) || Base64Url.DecodeFromChars(cursor, bytes) is var length && length <= TagBytes)
        {
            throw Invalid("is not one this service issued");
        }

        var payload = bytes.AsSpan(0, length - TagBytes);
        Span<byte> expected = stackalloc byte[TagBytes];
        HMACSHA256.HashData(_key, payload, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(length - TagBytes, TagBytes)))
        {
            throw Invalid("was modified or was not issued by this service");
        }

        return payload.ToArray();
    }

    private static PageCursor Parse(byte[] payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload);
            Expect(ref reader, JsonTokenType.StartArray);
            Expect(ref reader, JsonTokenType.Number);
            if (reader.GetInt32() != FormatVersion)
            {
                throw Invalid("has a format this service no longer reads");
            }

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
