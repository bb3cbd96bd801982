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

    private CursorCodec Codec(byte[]? key = null) => new(key ?? Key, TimeSpan.FromHours(1), _clock);

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
    public void Open_ASignedPayloadThatIsNotACursor_IsAnInvalidCursor()
    {
        // Signed with the right key but not in the cursor format: only the format check stands in the way.
        var payload = Encoding.UTF8.GetBytes("[2,\"x\"]");
        var bytes = payload.Concat(System.Security.Cryptography.HMACSHA256.HashData(Key, payload)).ToArray();
        var cursor = System.Buffers.Text.Base64Url.EncodeToString(bytes);

        ScimExceptionAssert.Throws(ScimErrorType.InvalidCursor, () => Codec().Open(cursor, "tenant-a", Fingerprint));
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
        Assert.Throws<ArgumentException>(() => new CursorCodec(new byte[31], TimeSpan.FromHours(1), TimeProvider.System));

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
