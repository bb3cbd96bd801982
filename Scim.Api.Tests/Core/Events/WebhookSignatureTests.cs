using System.Text;
using Scim.Api.Core.Events;

namespace Scim.Api.Tests.Core.Events;

/// <summary>
/// Signatures against the Standard Webhooks specification's own test vectors (standard-webhooks/standard-webhooks,
/// libraries/*: the "sign function works" case and the verification cases every reference library runs).
/// </summary>
public sealed class WebhookSignatureTests
{
    // The specification's vector: key, message id, timestamp, payload and the signature its libraries must produce.
    private const string VectorSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string VectorMessageId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long VectorTimestamp = 1614265330;
    private const string VectorPayload = "{\"test\": 2432232314}";
    private const string VectorSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static readonly DateTimeOffset AtTheVector = DateTimeOffset.FromUnixTimeSeconds(VectorTimestamp);
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes(VectorPayload);

    [Fact]
    public void Sign_TheSpecificationsVector_GivesItsSignature()
    {
        Assert.Equal(VectorSignature, WebhookSignature.Sign(VectorSecret, VectorMessageId, VectorTimestamp, Payload));
    }

    [Theory]
    [InlineData(VectorSecret)]
    [InlineData("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    public void Verify_TheVector_WithAndWithoutTheSecretPrefix_IsValid(string secret)
    {
        Assert.True(WebhookSignature.Verify(secret, VectorMessageId, VectorTimestamp.ToString(), VectorSignature, Payload, AtTheVector, WebhookSignature.DefaultTolerance));
    }

    [Fact]
    public void Verify_SeveralSignatures_OneOfThemValid_IsValid()
    {
        var header = string.Join(' ', "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=", "v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=", VectorSignature,
            "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=");

        Assert.True(WebhookSignature.Verify(VectorSecret, VectorMessageId, VectorTimestamp.ToString(), header, Payload, AtTheVector, WebhookSignature.DefaultTolerance));
    }

    public static TheoryData<string, string?, string?, string?, long> Invalid => new()
    {
        { "missing id", null, VectorTimestamp.ToString(), VectorSignature, 0 },
        { "missing timestamp", VectorMessageId, null, VectorSignature, 0 },
        { "timestamp not a number", VectorMessageId, "hello", VectorSignature, 0 },
        { "missing signature", VectorMessageId, VectorTimestamp.ToString(), null, 0 },
        { "wrong signature", VectorMessageId, VectorTimestamp.ToString(), "v1,dawfeoifkpqwoekfpqoekf", 0 },
        { "partial signature", VectorMessageId, VectorTimestamp.ToString(), VectorSignature[..8], 0 },
        { "empty signature", VectorMessageId, VectorTimestamp.ToString(), "v1,", 0 },
        { "another message's id", "msg_other", VectorTimestamp.ToString(), VectorSignature, 0 },
        { "received over five minutes later", VectorMessageId, VectorTimestamp.ToString(), VectorSignature, 301 },
        { "received over five minutes earlier", VectorMessageId, VectorTimestamp.ToString(), VectorSignature, -301 },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Verify_WhatTheSpecificationRefuses_IsInvalid(string reason, string? id, string? timestamp, string? signature, long receivedSecondsLater)
    {
        var valid = WebhookSignature.Verify(
            VectorSecret, id, timestamp, signature, Payload, AtTheVector.AddSeconds(receivedSecondsLater), WebhookSignature.DefaultTolerance);

        Assert.False(valid, reason);
    }

    [Fact]
    public void Verify_ATamperedBody_IsInvalid()
    {
        var tampered = Encoding.UTF8.GetBytes("{\"test\": 2432232315}");

        Assert.False(WebhookSignature.Verify(VectorSecret, VectorMessageId, VectorTimestamp.ToString(), VectorSignature, tampered, AtTheVector, WebhookSignature.DefaultTolerance));
    }

    [Fact]
    public void Header_OfSeveralSecrets_CarriesOneSignatureEach_AndEachSecretVerifiesIt()
    {
        var old = WebhookSignature.NewSecret();
        var header = WebhookSignature.Header([old, VectorSecret], VectorMessageId, VectorTimestamp, Payload);

        Assert.Equal(2, header.Split(' ').Length);
        Assert.Contains(VectorSignature, header.Split(' '));
        Assert.True(WebhookSignature.Verify(old, VectorMessageId, VectorTimestamp.ToString(), header, Payload, AtTheVector, WebhookSignature.DefaultTolerance));
        Assert.True(WebhookSignature.Verify(VectorSecret, VectorMessageId, VectorTimestamp.ToString(), header, Payload, AtTheVector, WebhookSignature.DefaultTolerance));
    }

    [Fact]
    public void NewSecret_IsPrefixedBase64OfThirtyTwoRandomBytes()
    {
        var secret = WebhookSignature.NewSecret();

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.True(WebhookSignature.TryDecodeSecret(secret, out var key));
        Assert.Equal(32, key.Length);
        Assert.NotEqual(secret, WebhookSignature.NewSecret());
    }

    [Theory]
    [InlineData("")]
    [InlineData("whsec_")]
    [InlineData("whsec_not base64!")]
    [InlineData("whsec_c2hvcnQ=")]
    public void TryDecodeSecret_RefusesWhatIsNotBase64OfTwentyFourToSixtyFourBytes(string secret)
    {
        Assert.False(WebhookSignature.TryDecodeSecret(secret, out _));
    }
}
