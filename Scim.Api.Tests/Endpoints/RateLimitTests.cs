using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scim.Api.Hosting.RateLimiting;
using Scim.Api.Tests.Hosting.Auth;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Endpoints;

/// <summary>
/// One token bucket per tenant: a tenant over its limit gets 429 with Retry-After and the SCIM error body, whichever
/// of its credentials it uses, while other tenants (on the generous defaults) are not slowed at all.
/// </summary>
public sealed class RateLimitTests : IClassFixture<RateLimitTests.TightLimitFactory>
{
    private readonly TightLimitFactory _fixture;

    public RateLimitTests(TightLimitFactory fixture) => _fixture = fixture;

    public sealed class TightLimitFactory : IDisposable
    {
        public TightLimitFactory()
        {
            Api.Settings["Scim:RateLimit:Tenants:tenant-a:PermitsPerSecond"] = "1";
            Api.Settings["Scim:RateLimit:Tenants:tenant-a:Burst"] = "3";
            Api.Settings["Logging:LogLevel:Scim.Api.Hosting.RateLimiting"] = "Information";
            Server = Api.WithTestServices(services => services.AddSingleton<ILoggerProvider>(Logs));
        }

        public ScimApiFactory Api { get; } = new();

        public Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Server { get; }

        public CapturingLoggerProvider Logs { get; } = new();

        public HttpClient Client(string token) => Server.ScimClient(token);

        public void Dispose()
        {
            Server.Dispose();
            Api.Dispose();
        }
    }

    [Fact]
    public async Task TenantOverItsLimit_Gets429WithRetryAfterAndScimBody_OnEveryCredential_OthersUnaffected()
    {
        using var writer = _fixture.Client(_fixture.Api.WriteToken);
        using var reader = _fixture.Client(_fixture.Api.ReadOnlyToken);
        using var other = _fixture.Client(_fixture.Api.OtherTenantToken);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? rejected = null;
        for (var i = 0; i < 12 && rejected is null; i++)
        {
            var response = await (i % 2 == 0 ? writer : reader).GetAsync("/scim/v2/Users?count=1");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                rejected = response;
            }
        }

        Assert.NotNull(rejected);
        Assert.All(statuses.Take(3), status => Assert.Equal(HttpStatusCode.OK, status));
        await rejected.AssertScimErrorAsync(429);
        var retryAfter = rejected.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/scim/v2/Users?count=1")).StatusCode);
        }

        Assert.Contains(_fixture.Logs.Entries, entry => entry.EventId.Id == TenantRateLimiting.RejectedEventId
            && entry.Level == LogLevel.Information && entry.Text.Contains("tenant-a", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnauthenticatedRequests_AreNotChargedToAnyTenant()
    {
        using var anonymous = _fixture.Server.CreateClient();
        for (var i = 0; i < 10; i++)
        {
            await (await anonymous.GetAsync("/scim/v2/Users")).AssertScimErrorAsync(401);
        }
    }

    [Fact]
    public void Defaults_AreFarAboveWhatIdentityProvidersSend()
    {
        var defaults = new TenantRateLimitOptions();
        Assert.Equal(new TenantLimitFigures(1000, 2000, 8 * Environment.ProcessorCount, 256), defaults.For("any"));
        defaults.Tenants["slow"] = new TenantRateLimit { PermitsPerSecond = 5, MaxConcurrentRequests = 2 };
        Assert.Equal(new TenantLimitFigures(5, 2000, 2, 256), defaults.For("slow"));
    }
}
