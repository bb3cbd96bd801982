using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scim.Api.Tests.Endpoints;
using static Scim.Api.Tests.Hosting.Auth.TestIdentityProvider;

namespace Scim.Api.Tests.Hosting.Auth;

/// <summary>
/// With every log category at Trace, no token (accepted or refused, secret or JWT, or any segment of a JWT) and no
/// password appears in any log entry; and refusing tokens never reaches for the network.
/// </summary>
public sealed class SecretsNeverLoggedTests : IClassFixture<SecretsNeverLoggedTests.TraceLoggingApi>
{
    private readonly TraceLoggingApi _fixture;

    public SecretsNeverLoggedTests(TraceLoggingApi fixture) => _fixture = fixture;

    public sealed class TraceLoggingApi : IDisposable
    {
        public TraceLoggingApi()
        {
            Api = new IdentityApi { ConfigureServices = services => services.AddSingleton<ILoggerProvider>(Logs) };
            Api.Api.Settings["Logging:LogLevel:Default"] = "Trace";
            Api.Api.Settings["Logging:LogLevel:Microsoft"] = "Trace";
            Api.Api.Settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace";
            Api.Api.Settings["Logging:LogLevel:Microsoft.IdentityModel"] = "Trace";
        }

        public CapturingLoggerProvider Logs { get; } = new();

        public IdentityApi Api { get; }

        public void Dispose() => Api.Dispose();
    }

    [Fact]
    public async Task Tokens_AcceptedOrRefused_NeverAppearInLogs()
    {
        var idp = _fixture.Api.Idp;
        var past = DateTime.UtcNow.AddHours(-3);
        string[] tokens =
        [
            _fixture.Api.Api.WriteToken,
            _fixture.Api.Api.ReadOnlyToken,
            _fixture.Api.RevokedToken,
            Scim.Api.Hosting.Auth.TokenHash.NewToken(),
            idp.Mint(EntraProvisioningClaims()),
            idp.Mint(EntraProvisioningClaims(), past, past.AddHours(1)),
            idp.Mint(EntraProvisioningClaims(UnservedEntraDirectory)),
            idp.Mint(EntraProvisioningClaims(), key: idp.AttackerKey),
            idp.Tampered(EntraProvisioningClaims(), p => p["tid"] = OtherEntraDirectory),
            Unsigned(EntraProvisioningClaims()),
            idp.Mint(OktaClaims("scim.write")),
            idp.Mint(OktaClaims("scim.read")),
            idp.Mint(OktaClaims("scim.write"), key: idp.AttackerKey),
            idp.Mint(EntraAppClaims(IdentityApi.EntraAppWriteRole)),
            idp.Mint(new Dictionary<string, object> { ["iss"] = "https://unknown.example", ["aud"] = "x" }),
            "not.a.jwt-but-shaped-like-one",
        ];

        foreach (var token in tokens)
        {
            using var client = _fixture.Api.Client(token);
            await client.GetAsync("/scim/v2/Users");
            await client.PostAsync("/scim/v2/Users", ScimHttp.Json($$"""{"userName":"{{ScimHttp.UniqueName()}}"}"""));
        }

        var logs = _fixture.Logs.Entries.ToList();
        // The handlers did log about these tokens, so there was something to leak. (IdentityModel's own log is
        // bridged through a process-wide static, which another test host may hold; it is searched when it is here.)
        Assert.Contains(logs, entry => entry.Category.StartsWith("Microsoft.AspNetCore.Authentication.JwtBearer", StringComparison.Ordinal));
        foreach (var token in tokens)
        {
            foreach (var secret in SecretPartsOf(token))
            {
                Assert.DoesNotContain(logs, entry => entry.Text.Contains(secret, StringComparison.Ordinal));
            }
        }

        // IDX20803/IDX20804: a metadata download was attempted.
        Assert.DoesNotContain(logs, entry => entry.Text.Contains("IDX2080", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PasswordsAndAttributeValuesInBodies_NeverAppearInLogs()
    {
        using var client = _fixture.Api.Client(_fixture.Api.Api.WriteToken);
        var password = "Pa55-" + Guid.NewGuid().ToString("N");
        var userName = "logcheck-" + Guid.NewGuid().ToString("N");
        var user = await client.CreateUserAsync(userName, $$""","password":"{{password}}","title":"T-{{userName}}" """);
        await client.PostAsync("/scim/v2/Users", ScimHttp.Json($$"""{"userName":"{{userName}}","password":"{{password}}"}"""));
        await client.PatchAsync($"/scim/v2/Users/{user.Id()}",
            $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"password","value":"{{password}}x"}]}""");
        await client.PostAsync("/scim/v2/Users/.search", ScimHttp.Json(
            $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"userName eq \"{{userName}}\""}"""));

        var logs = _fixture.Logs.Entries.ToList();
        Assert.DoesNotContain(logs, entry => entry.Text.Contains(password, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, entry => entry.Text.Contains(userName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task FilterValuesInQueryStrings_StayOutOfTheLogs_AtTheDefaultLevels()
    {
        var logs = new CapturingLoggerProvider();
        using var api = new IdentityApi { ConfigureServices = services => services.AddSingleton<ILoggerProvider>(logs) };
        api.Api.Settings["Logging:LogLevel:Default"] = "Information";
        api.Api.Settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Information";
        using var client = api.Client(api.Api.WriteToken);
        var value = "pii-" + Guid.NewGuid().ToString("N");

        await client.GetAsync($"/scim/v2/Users?filter=userName eq \"{value}\"");

        Assert.Contains(logs.Entries, entry => entry.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, entry => entry.Text.Contains(value, StringComparison.Ordinal));
    }

    // The whole token, and for a JWT each of its payload and signature segments.
    private static IEnumerable<string> SecretPartsOf(string token)
    {
        yield return token;
        var parts = token.Split('.');
        if (parts.Length == 3)
        {
            foreach (var part in parts[1..].Where(p => p.Length >= 16))
            {
                yield return part;
            }
        }
    }
}
