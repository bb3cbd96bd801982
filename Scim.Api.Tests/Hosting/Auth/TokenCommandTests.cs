using System.Text.RegularExpressions;
using Scim.Api.Hosting;
using Scim.Api.Hosting.Auth;

namespace Scim.Api.Tests.Hosting.Auth;

public sealed partial class TokenCommandTests
{
    [Fact]
    public void TokensNew_PrintsTheTokenOnce_AndTheHashOfThatToken()
    {
        using var output = new StringWriter();
        Assert.True(TokenCommand.TryRun(["tokens", "new", "--tenant", "acme", "--id", "entra-prod", "--read-only"], output));
        var text = output.ToString();

        var token = TokenLine().Match(text).Groups[1].Value;
        Assert.Equal(43, token.Length);
        Assert.Single(Regex.Matches(text, Regex.Escape(token)));
        Assert.Contains($"Scim__Auth__Tokens__N__Hash={TokenHash.Compute(token)}", text, StringComparison.Ordinal);
        Assert.Contains("Scim__Auth__Tokens__N__Tenant=acme", text, StringComparison.Ordinal);
        Assert.Contains("Scim__Auth__Tokens__N__ReadOnly=true", text, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherArguments_AreNotTheTokenCommand()
    {
        using var output = new StringWriter();
        Assert.False(TokenCommand.TryRun(["--urls", "http://localhost:5000"], output));
        Assert.Empty(output.ToString());
    }

    [GeneratedRegex(@"shown once[^\n]*\n\s*\n\s+(\S+)")]
    private static partial Regex TokenLine();
}
