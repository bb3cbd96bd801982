using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Scim.Api.Application;

namespace Scim.Api.Tests.Application;

public sealed class PasswordHasherTests
{
    [Fact]
    public void Hash_IsArgon2idInPhcFormat_WithTheOwaspParameters()
    {
        var hash = PasswordHasher.Hash("correct horse battery staple");
        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", hash, StringComparison.Ordinal);
        Assert.Equal(6, hash.Split('$').Length);
        Assert.DoesNotContain("correct horse", hash, StringComparison.Ordinal);
    }

    [Fact]
    public void Hash_IsSalted_SoTheSamePasswordHashesDifferently()
    {
        Assert.NotEqual(PasswordHasher.Hash("same"), PasswordHasher.Hash("same"));
    }

    [Theory]
    [InlineData("s3cret!", true)]
    [InlineData("s3cret", false)]
    [InlineData("S3CRET!", false)]
    [InlineData("", false)]
    public void Verify_AcceptsOnlyThePassword(string attempt, bool expected)
    {
        var hash = PasswordHasher.Hash("s3cret!");
        Assert.Equal(expected, PasswordHasher.Verify(attempt, hash));
    }

    [Fact]
    public void Verify_StillAcceptsPbkdf2HashesWrittenBeforeArgon2id()
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var derived = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes("legacy-pw"), salt, 210_000, HashAlgorithmName.SHA512, 32);
        var legacy = string.Create(CultureInfo.InvariantCulture,
            $"$pbkdf2-sha512$210000${Convert.ToBase64String(salt)}${Convert.ToBase64String(derived)}");

        Assert.True(PasswordHasher.Verify("legacy-pw", legacy));
        Assert.False(PasswordHasher.Verify("other", legacy));
    }

    [Fact]
    public void Argon2idImplementation_MatchesTheRfc9106TestVector()
    {
        // RFC 9106 §5.3: password 32×0x01, salt 16×0x02, secret 8×0x03, associated data 12×0x04, m=32, t=3, p=4.
        using var argon2 = new Konscious.Security.Cryptography.Argon2id(Enumerable.Repeat((byte)1, 32).ToArray())
        {
            Salt = Enumerable.Repeat((byte)2, 16).ToArray(),
            KnownSecret = Enumerable.Repeat((byte)3, 8).ToArray(),
            AssociatedData = Enumerable.Repeat((byte)4, 12).ToArray(),
            MemorySize = 32,
            Iterations = 3,
            DegreeOfParallelism = 4,
        };
        Assert.Equal("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659", Convert.ToHexStringLower(argon2.GetBytes(32)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain text")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$not-base64!$AAAA")]
    [InlineData("$argon2id$v=19$m=1,m=2,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAA")]
    [InlineData("$argon2id$v=19$m=999999999,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAA")]
    [InlineData("$argon2id$v=19$t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAA")]
    [InlineData("$pbkdf2-sha512$0$AAAA$AAAA")]
    [InlineData("$pbkdf2-sha512$x$AAAA$AAAA")]
    public void Verify_RefusesMalformedHashes_WithoutThrowing(string stored)
    {
        Assert.False(PasswordHasher.Verify("anything", stored));
    }
}
