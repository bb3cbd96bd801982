using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Scim.Api.Hosting.Auth;

namespace Scim.Api.Tests.Hosting.Auth;

public class StaticTokenDirectoryTests
{
    private static byte[] HashOf(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static ScimAuthOptions Configured(params StaticToken[] tokens)
    {
        var options = new ScimAuthOptions();
        options.Tokens.AddRange(tokens);
        return options;
    }

    [Fact]
    public void Find_ThePresentedToken_GivesItsTenantsPrincipal_BuiltOncePerConfiguration()
    {
        var monitor = new SwitchableMonitor(Configured(new StaticToken { Id = "a", Tenant = "t1", Hash = TokenHash.Compute("secret-a") }));
        var directory = new StaticTokenDirectory(monitor);

        var first = directory.Find(HashOf("secret-a"));
        var second = directory.Find(HashOf("secret-a"));

        Assert.NotNull(first?.Principal);
        Assert.Same(first.Principal, second?.Principal);
        Assert.Equal("t1", first.Principal.FindFirst(ScimClaims.Tenant)?.Value);
        Assert.Null(directory.Find(HashOf("secret-b")));
    }

    [Fact]
    public void Find_AfterTheConfigurationChanged_UsesTheNewTokensOnly()
    {
        var monitor = new SwitchableMonitor(Configured(new StaticToken { Id = "old", Tenant = "t1", Hash = TokenHash.Compute("old-secret") }));
        var directory = new StaticTokenDirectory(monitor);
        Assert.NotNull(directory.Find(HashOf("old-secret")));

        monitor.CurrentValue = Configured(new StaticToken { Id = "new", Tenant = "t1", Hash = TokenHash.Compute("new-secret"), ReadOnly = true });

        Assert.Null(directory.Find(HashOf("old-secret")));
        var rotated = directory.Find(HashOf("new-secret"));
        Assert.NotNull(rotated?.Principal);
        Assert.DoesNotContain(rotated.Principal.FindAll(ScimClaims.Scope), claim => claim.Value == ScimClaims.WriteScope);
    }

    [Fact]
    public void Find_ATokenWithoutTenantOrWithABadHash_GivesNoPrincipal()
    {
        var directory = new StaticTokenDirectory(new SwitchableMonitor(Configured(
            new StaticToken { Id = "orphan", Hash = TokenHash.Compute("orphan") },
            new StaticToken { Id = "broken", Tenant = "t1", Hash = "sha256:not-hex" })));

        Assert.Null(directory.Find(HashOf("orphan"))?.Principal);
        Assert.Null(directory.Find(HashOf("broken")));
    }

    private sealed class SwitchableMonitor(ScimAuthOptions initial) : IOptionsMonitor<ScimAuthOptions>
    {
        public ScimAuthOptions CurrentValue { get; set; } = initial;

        public ScimAuthOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<ScimAuthOptions, string?> listener) => null;
    }
}
