using System.Text.RegularExpressions;
using Scim.Api.Hosting.Auth;
using Scim.Api.Hosting.CommandLine;

namespace Scim.Api.Tests.Hosting.CommandLine;

public sealed partial class TokenCommandTests
{
    [Fact]
    public void TokensNew_PrintsTheTokenOnce_AndTheHashOfThatToken()
    {
        var text = Minted("tokens", "new", "--tenant", "acme", "--id", "entra-prod", "--read-only");

        var token = TokenLine().Match(text).Groups[1].Value;
        Assert.Equal(43, token.Length);
        Assert.Single(Regex.Matches(text, Regex.Escape(token)));
        Assert.Contains($"Scim__Auth__Tokens__N__Hash={TokenHash.Compute(token)}", text, StringComparison.Ordinal);
        Assert.Contains("Scim__Auth__Tokens__N__Tenant=acme", text, StringComparison.Ordinal);
        Assert.Contains("Scim__Auth__Tokens__N__Id=entra-prod", text, StringComparison.Ordinal);
        Assert.Contains("Scim__Auth__Tokens__N__ReadOnly=true", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TokensNew_WithoutOptions_IsAReadWriteTokenOfTheDefaultTenant()
    {
        var text = Minted("tokens", "new");

        Assert.Contains("Scim__Auth__Tokens__N__Tenant=default", text, StringComparison.Ordinal);
        Assert.Contains("Scim__Auth__Tokens__N__Id=default-token", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ReadOnly=true", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AdminTokensNew_PrintsTheTokenOnce_AndOnlyItsHashAsConfiguration()
    {
        var text = Minted("admin-tokens", "new", "--id", "ops");

        Assert.Contains("Scim__Admin__Tokens__N__Id=ops", text, StringComparison.Ordinal);
        var hashLine = text.Split('\n').Single(line => line.Contains("Scim__Admin__Tokens__N__Hash=", StringComparison.Ordinal));
        var token = TokenLine().Match(text).Groups[1].Value;
        Assert.Single(Regex.Matches(text, Regex.Escape(token)));
        Assert.EndsWith(TokenHash.Compute(token), hashLine.Trim(), StringComparison.Ordinal);
    }

    private static string Minted(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(ScimCommandLine.Succeeded, ScimCommandLine.Run(args, output, error));
        Assert.Empty(error.ToString());
        return output.ToString();
    }

    [GeneratedRegex(@"shown once[^\n]*\n\s*\n\s+(\S+)")]
    private static partial Regex TokenLine();
}
