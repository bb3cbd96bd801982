using System.Text;
using Microsoft.Extensions.Time.Testing;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Paging;
using Scim.Api.Core.Paging.Cursors;
using Scim.Api.Tests.Core.Filters;
using static Scim.Api.Tests.Storage.FilterBuilder;

namespace Scim.Api.Tests.Core.Paging;

public class CursorCodecTests
{
    private static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private static readonly string Fingerprint = QueryFingerprint.Of("User", Eq("userName", "a"), null);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 10, 1, 12, 0, 0, TimeSpan.Zero));

    private static readonly byte[] OlderKey = [.. Enumerable.Range(101, 32).Select(i => (byte)i)];

    private CursorCodec Codec(params byte[][] keys) => new(keys.Length == 0 ? [Key] : keys, TimeSpan.FromHours(1), _clock);

    [Theory]
    [InlineData(CursorDirection.Next, "42")]
    [InlineData(CursorDirection.Previous, "7|t|ünïcode | with bars")]
    [InlineData(CursorDirection.Next, "")]
    public void Open_AnIssuedCursor_GivesBackWhatWasIssued(CursorDirection direction, string position)
    {
        var cursor = Codec().Issue(direction, position, "tenant-a", Fingerprint);

        var opened = Codec().Open(cursor, "tenant-a", Fingerprint);

        Assert.Equal(new PageCursor(direction, position, "tenant-a", Fingerprint, _clock.GetUtcNow()), opened);
        Assert.DoesNotContain('+', cursor);
        Assert.DoesNotContain('/', cursor);
        Assert.DoesNotContain('=', cursor);
    }

    [Fact]
    public void Open_ACursorWithAnyCharacterChanged_IsAnInvalidCursor()
    {
        var cursor = Codec().Issue(CursorDirection.Next, "12345", "tenant-a", Fingerprint);

        for (var i = 0; i < cursor.Length; i++)
        {
            var changed = cursor[..i] + (cursor[i] == 'A' ? 'B' : 'A') + cursor[(i + 1)..];
            ScimExceptionAssert.Throws(ScimErrorType.InvalidCursor, () => Codec().Open(changed, "tenant-a", Fingerprint));
        }
    }

    [Fact]
    public void Open_ACursorSignedWithAnotherKey_IsAnInvalidCursor()
    {
        var cursor = Codec([.. Key.Reverse()]).Issue(CursorDirection.Next, "1", "tenant-a", Fingerprint);

        ScimExceptionAssert.Throws(ScimErrorType.InvalidCursor, () => Codec().Open(cursor, "tenant-a", Fingerprint));
    }

    [Fact]
    public void Open_ATruncatedCursor_IsAnInvalidCursor()
    {
        var cursor = Codec().Issue(CursorDirection.Next, "1", "tenant-a", Fingerprint);

        foreach (var length in new[] { 1, 10, cursor.Length / 2, cursor.Length - 1 })
        {
            ScimExceptionAssert.Throws(ScimErrorType.InvalidCursor, () => Codec().Open(cursor[..length], "tenant-a", Fingerprint));
        }
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("====")]
    [InlineData("%00%01")]
    [InlineData("AAAA")]
    [InlineData("eyJ2IjoxfQ")]
    [InlineData(" ")]
    public void Open_Garbage_IsAnInvalidCursor(string cursor) =>
        ScimExceptionAssert.Throws(ScimErrorType.InvalidCursor, () => Codec().Open(cursor, "tenant-a", Fingerprint));

    [Fact]
    public void Open_AHugeInput_IsAnInvalidCursor() =>
        ScimExceptionAssert.Throws(ScimErrorType.InvalidCursor, () => Codec().Open(new string('A', 1_000_000), "tenant-a", Fingerprint));

    [Fact]
    public void Open_AnAuthenticPayloadThatIsNotACursor_IsAnInvalidCursor()
    {
        // Encrypted with the right key but not in the cursor format: only the format check stands in the way.
        var key = new CursorKey(Key);
        var plaintext = Encoding.UTF8.GetBytes("[2,\"x\"]");
        var bytes = new byte[5 + 12 + plaintext.Length + 16];
        bytes[0] = 2;
        key.Id.CopyTo(bytes, 1);
        using (var aes = new System.Security.Cryptography.AesGcm(key.EncryptionKey, 16))
        {
            aes.Encrypt(bytes.AsSpan(5, 12), plaintext, bytes.AsSpan(17, plaintext.Length), bytes.AsSpan(bytes.Length - 16), bytes.AsSpan(0, 5));
        }

        var cursor = System.Buffers.Text.Base64Url.EncodeToString(bytes);

        var error = ScimExceptionAssert.Throws(ScimErrorType.InvalidCursor, () => Codec().Open(cursor, "tenant-a", Fingerprint));
        Assert.Contains("cannot be read", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ACursorOfTheEarlierSignedFormat_IsAnInvalidCursor()
    {
        var payload = Encoding.UTF8.GetBytes("[1,\"n\",\"1\",\"tenant-a\",\"x\",1759320000]");
        var cursor = System.Buffers.Text.Base64Url.EncodeToString([.. payload, .. System.Security.Cryptography.HMACSHA256.HashData(Key, payload)]);

        ScimExceptionAssert.Throws(ScimErrorType.InvalidCursor, () => Codec().Open(cursor, "tenant-a", Fingerprint));
    }

    [Fact]
    public void Issue_RevealsNothingOfThePositionTenantOrQuery_AndNeverRepeats()
    {
        const string position = "$ARGON2ID$V=19$M=19456,T=2,P=1$SECRETHASH|00000000000000001234";
        var codec = Codec();

        var first = codec.Issue(CursorDirection.Next, position, "tenant-a", Fingerprint);
        var second = codec.Issue(CursorDirection.Next, position, "tenant-a", Fingerprint);

        var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(first);
        foreach (var secret in new[] { "SECRETHASH", "1234", "tenant-a", Fingerprint[..8] })
        {
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
        }

        Assert.NotEqual(first, second);
        Assert.Equal(position, codec.Open(second, "tenant-a", Fingerprint).Position);
    }

    [Fact]
    public void Open_ACursorIssuedWithAnOlderKeyOfTheRing_Opens_SoKeysRotateWithoutBreakingListings()
    {
        var issuedBeforeRotation = Codec(OlderKey).Issue(CursorDirection.Next, "7", "tenant-a", Fingerprint);
        var rotated = Codec(Key, OlderKey);

        var opened = rotated.Open(issuedBeforeRotation, "tenant-a", Fingerprint);
        var issuedAfter = rotated.Issue(CursorDirection.Next, "8", "tenant-a", Fingerprint);

        Assert.Equal("7", opened.Position);
        Assert.Equal("8", Codec(Key).Open(issuedAfter, "tenant-a", Fingerprint).Position);
        ScimExceptionAssert.Throws(ScimErrorType.InvalidCursor, () => Codec(OlderKey).Open(issuedAfter, "tenant-a", Fingerprint));
    }

    [Fact]
    public void Open_ACursorOfAKeyRemovedFromTheRing_IsAnInvalidCursor_SayingSo()
    {
        var cursor = Codec(OlderKey).Issue(CursorDirection.Next, "7", "tenant-a", Fingerprint);

        var error = ScimExceptionAssert.Throws(ScimErrorType.InvalidCursor, () => Codec(Key).Open(cursor, "tenant-a", Fingerprint));
        Assert.Contains("no longer holds", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ForAnotherTenant_IsAnInvalidCursor()
    {
        var cursor = Codec().Issue(CursorDirection.Next, "1", "tenant-a", Fingerprint);

        var error = ScimExceptionAssert.Throws(ScimErrorType.InvalidCursor, () => Codec().Open(cursor, "tenant-b", Fingerprint));
        Assert.Contains("another tenant", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ForAnotherQuery_IsAnInvalidCursor()
    {
        var cursor = Codec().Issue(CursorDirection.Next, "1", "tenant-a", Fingerprint);

        var error = ScimExceptionAssert.Throws(
            ScimErrorType.InvalidCursor, () => Codec().Open(cursor, "tenant-a", QueryFingerprint.Of("User", Eq("userName", "b"), null)));
        Assert.Contains("filter", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_AfterTheLifetime_IsAnExpiredCursor_AndJustBeforeItIsValid()
    {
        var cursor = Codec().Issue(CursorDirection.Next, "1", "tenant-a", Fingerprint);

        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal("1", Codec().Open(cursor, "tenant-a", Fingerprint).Position);
        _clock.Advance(TimeSpan.FromSeconds(1));
        ScimExceptionAssert.Throws(ScimErrorType.ExpiredCursor, () => Codec().Open(cursor, "tenant-a", Fingerprint));
    }

    [Fact]
    public void Codec_WithAShortKey_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new CursorCodec([Key, new byte[31]], TimeSpan.FromHours(1), TimeProvider.System));

    [Fact]
    public void Codec_WithoutAKey_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new CursorCodec([], TimeSpan.FromHours(1), TimeProvider.System));

    public static TheoryData<string, string> SameQueries => new()
    {
        { "userName eq \"a\"", "USERNAME EQ \"a\"" },
        { "userName eq \"a\" and title pr", "(userName eq \"a\") and (title pr)" },
    };

    [Theory]
    [MemberData(nameof(SameQueries))]
    public void Fingerprint_IgnoresHowTheFilterIsWritten(string first, string second) =>
        Assert.Equal(
            QueryFingerprint.Of("User", Resolve(first), null),
            QueryFingerprint.Of("User", Resolve(second), null));

    [Fact]
    public void Fingerprint_DiffersByTypeFilterSortByAndSortOrder()
    {
        var filter = Resolve("userName eq \"a\"");
        var sort = new SortSpec(Path("userName"), false);
        string[] fingerprints =
        [
            QueryFingerprint.Of("User", filter, sort),
            QueryFingerprint.Of("Group", filter, sort),
            QueryFingerprint.Of("User", null, sort),
            QueryFingerprint.Of("User", filter, null),
            QueryFingerprint.Of("User", filter, sort with { Descending = true }),
            QueryFingerprint.Of("User", filter, new SortSpec(Path("title"), false)),
        ];

        Assert.Equal(fingerprints.Length, fingerprints.Distinct(StringComparer.Ordinal).Count());
    }

    private static Scim.Api.Core.Filters.Filter Resolve(string text) =>
        Scim.Api.Core.Filters.FilterResolver.Resolve(Scim.Api.Core.Filters.FilterParser.Parse(text), Scim.Api.Core.Schema.BuiltInSchemas.UserResourceType);
}
