using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scim.Api.Tests.Endpoints;
using Scim.Api.Tests.Hosting.Auth;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Hosting.Cursors;

/// <summary>
/// Replicas behind one address: each is its own host on the same store. With the same key ring a cursor from one
/// opens on any other; keys rotate without breaking open listings; without a configured key each replica refuses the
/// others' cursors, and the service says so at start.
/// </summary>
public sealed class CursorKeyRingTests : IClassFixture<ScimApiFactory>
{
    private static readonly string Current = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string Older = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly ScimApiFactory _factory;

    public CursorKeyRingTests(ScimApiFactory factory) => _factory = factory;

    [Fact]
    public async Task ReplicasWithTheSameKeyRing_OpenEachOthersCursors()
    {
        using var first = Replica(("Keys:0:Secret", Current));
        using var second = Replica(("Keys:0:Secret", Current));
        var filter = await SeedAsync(first);

        var next = await FirstPageCursorAsync(first, filter);
        var response = await Client(second).GetAsync($"/scim/v2/Users?filter={filter}&count=2&cursor={Uri.EscapeDataString(next)}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await response.BodyAsync())["Resources"]!.AsArray().Count);
    }

    [Fact]
    public async Task AReplicaWhoseRingLacksTheKey_RefusesTheCursor()
    {
        using var first = Replica(("Keys:0:Secret", Current));
        using var other = Replica(("Keys:0:Secret", Older));
        var filter = await SeedAsync(first);

        var next = await FirstPageCursorAsync(first, filter);
        var response = await Client(other).GetAsync($"/scim/v2/Users?filter={filter}&count=2&cursor={Uri.EscapeDataString(next)}", TestContext.Current.CancellationToken);

        await response.AssertScimErrorAsync(400, "invalidCursor");
    }

    [Fact]
    public async Task AfterARotation_ACursorIssuedWithTheOlderKey_StillOpens()
    {
        using var before = Replica(("Keys:0:Secret", Older));
        using var after = Replica(("Keys:0:Id", "2026-12"), ("Keys:0:Secret", Current), ("Keys:1:Id", "2026-06"), ("Keys:1:Secret", Older));
        var filter = await SeedAsync(before);

        var next = await FirstPageCursorAsync(before, filter);
        var response = await Client(after).GetAsync($"/scim/v2/Users?filter={filter}&count=2&cursor={Uri.EscapeDataString(next)}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("Keys:0:Secret", "c2hvcnQ=", "Scim:Cursor:Keys:0:Secret")]
    [InlineData("Keys:1:Secret", "not base64!", "Scim:Cursor:Keys:1:Secret")]
    [InlineData("SigningKey", "c2hvcnQ=", "Scim:Cursor:SigningKey")]
    public void AKeyThatIsNotBase64OfThirtyTwoBytes_StopsTheStart_NamingIt(string key, string value, string named)
    {
        using var replica = Replica(("Keys:0:Secret", key == "SigningKey" ? null : Current), (key, value));

        var error = Assert.ThrowsAny<Exception>(() => replica.CreateClient());

        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAKey_OutsideDevelopment_TheStartWarnsThatCursorsWillNotCrossReplicas()
    {
        var logs = new CapturingLoggerProvider();
        using var replica = _factory.WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(logs)));

        using var client = replica.CreateClient();

        Assert.Contains(logs.Entries, entry => entry.Level == LogLevel.Warning && entry.Text.Contains("Scim:Cursor:Keys:0:Secret", StringComparison.Ordinal));
    }

    [Fact]
    public void WithAKey_TheStartDoesNotWarn()
    {
        var logs = new CapturingLoggerProvider();
        using var replica = _factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Scim:Cursor:Keys:0:Secret", Current);
            builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(logs));
        });

        using var client = replica.CreateClient();

        Assert.DoesNotContain(logs.Entries, entry => entry.Text.Contains("No cursor key", StringComparison.Ordinal));
    }

    private WebApplicationFactory<Program> Replica(params (string Key, string? Value)[] settings) =>
        _factory.WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
            {
                if (value is not null)
                {
                    builder.UseSetting($"Scim:Cursor:{key}", value);
                }
            }
        });

    private HttpClient Client(WebApplicationFactory<Program> replica) => replica.ScimClient(_factory.WriteToken);

    private async Task<string> SeedAsync(WebApplicationFactory<Program> replica)
    {
        using var client = Client(replica);
        var prefix = ScimHttp.UniqueName("ring");
        for (var i = 0; i < 4; i++)
        {
            await client.CreateUserAsync($"{prefix}-{i}");
        }

        return Uri.EscapeDataString($"userName sw \"{prefix}\"");
    }

    private async Task<string> FirstPageCursorAsync(WebApplicationFactory<Program> replica, string filter)
    {
        using var client = Client(replica);
        var page = await (await client.GetAsync($"/scim/v2/Users?filter={filter}&count=2&cursor=")).BodyAsync();
        return (string)page["nextCursor"]!;
    }
}
