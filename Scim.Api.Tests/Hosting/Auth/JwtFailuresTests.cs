using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Tokens;
using Scim.Api.Hosting.Auth;

namespace Scim.Api.Tests.Hosting.Auth;

public sealed class JwtFailuresTests
{
    public static TheoryData<Exception, bool, string> Failures => new()
    {
        { new SecurityTokenExpiredException("IDX10223: expired"), false, "expired" },
        { new SecurityTokenNotYetValidException("IDX10222: not yet"), false, "not valid yet" },
        { new SecurityTokenInvalidAudienceException("IDX10214"), false, "audience" },
        { new SecurityTokenInvalidIssuerException("IDX10205"), false, "issuer" },
        { new SecurityTokenSignatureKeyNotFoundException("IDX10503: kid not found"), false, "key the issuer does not publish" },
        { new SecurityTokenInvalidSignatureException("IDX10511"), false, "signature" },
        { new SecurityTokenMalformedException("IDX14100"), false, "well-formed" },
        { new AuthenticationFailureException("The Entra directory 'x' is not served."), false, "not served" },
        { new SecurityTokenSignatureKeyNotFoundException("IDX10500: Signature validation failed. No security keys were provided."), true, "signing keys are not available" },
        { new InvalidOperationException("IDX20803: Unable to obtain configuration"), true, "signing keys are not available" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Failure_IsDescribedForPeople_AndServiceSideOnesAreTold(Exception exception, bool serviceSide, string expected)
    {
        Assert.Equal(serviceSide, JwtFailures.IsServiceSide(exception));
        Assert.Contains(expected, JwtFailures.Describe(exception), StringComparison.Ordinal);
        Assert.DoesNotContain("IDX", JwtFailures.Describe(exception), StringComparison.Ordinal);
    }
}
