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
        Assert.StartsWith("$argon2id$v=19$m=12288,t=3,p=1$", hash, StringComparison.Ordinal);
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
    public void AHashWrittenByTheEarlierManagedImplementation_StillVerifies()
    {
        // Written by Konscious.Security.Cryptography.Argon2 1.3.1 (checked against RFC 9106's test vector), the
        // implementation used before libsodium: password "correct horse battery staple", salt bytes 1 to 16.
        const string earlier = "$argon2id$v=19$m=19456,t=2,p=1$AQIDBAUGBwgJCgsMDQ4PEA$u7HkQc8NFEyI1fGa9gfr7DIUnvi/UM/saRdXcmsbkMA";

        Assert.True(PasswordHasher.Verify("correct horse battery staple", earlier));
        Assert.False(PasswordHasher.Verify("correct horse battery stapler", earlier));
    }

    [Fact]
    public void AHashWithSeveralLanes_DoesNotVerify_RatherThanThrow() =>
        Assert.False(PasswordHasher.Verify("x", "$argon2id$v=19$m=19456,t=2,p=4$AQIDBAUGBwgJCgsMDQ4PEA$u7HkQc8NFEyI1fGa9gfr7DIUnvi/UM/saRdXcmsbkMA"));

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
