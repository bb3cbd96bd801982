using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Polly;
using Polly.Timeout;
using Scim.Api.Hosting.Telemetry;
using Scim.Api.Storage;
using Scim.Api.Storage.Mongo;
using Scim.Api.Tests.Endpoints;
using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Deploy;

/// <summary>
/// The service with its Prometheus scrape endpoint on, after it has done one of everything the dashboard and the alert
/// rules watch — create, filtered list, member PATCH, a 404, a 429 of a rate-limited tenant, the gauges, a failed store
/// call and a MongoDB store pipeline timing out (which a healthy SQLite service never shows), and a webhook subscription
/// to a real receiver that fails the first delivery and accepts the next (delivered, retried, failed, lag, suspended) —
/// and what its <c>/metrics</c> then answers: the names and labels exactly as Prometheus receives them.
/// </summary>
public sealed class ExercisedServiceFixture : IAsyncLifetime
{
    // Development: the receiver is plain HTTP on loopback.
    private readonly ScimApiFactory _api = new() { EnvironmentName = "Development" };
    private WebhookReceiver? _receiver;

    /// <summary>The tenant of the exercise. The Scim meter is process-wide, so other tests' requests reach this scrape too.</summary>
    public string Tenant { get; } = "dashboard-" + Guid.NewGuid().ToString("N")[..8];

    internal Exposition Scraped { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var cancellation = TestContext.Current.CancellationToken;
        _api.Settings["Telemetry:Prometheus:Enabled"] = "true";
        _api.Settings["Scim:Auth:Tokens:0:Tenant"] = Tenant;
        _api.Settings[$"Scim:RateLimit:Tenants:{ScimApiFactory.OtherTenant}:PermitsPerSecond"] = "1";
        _api.Settings[$"Scim:RateLimit:Tenants:{ScimApiFactory.OtherTenant}:Burst"] = "1";
        foreach (var (key, value) in Events.EventsApi.Fast)
        {
            _api.Settings[key] = value;
        }

        _receiver = await WebhookReceiver.StartAsync();
        var attempts = 0;
        _receiver.Respond = _ => (Interlocked.Increment(ref attempts) == 1 ? 500 : 204, TimeSpan.Zero);
        using var admin = _api.CreateAdminClient();
        await Events.EventsApi.SubscribeAsync(admin, _receiver.Url(), tenant: Tenant);

        using var client = _api.CreateScimClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName("dash"));
        var list = await client.GetAsync($"/scim/v2/Users?filter={Uri.EscapeDataString($"userName eq \"{user["userName"]}\"")}", cancellation);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var group = await client.CreateGroupAsync(ScimHttp.UniqueName("dash-group"));
        var added = await client.PatchAsync($"/scim/v2/Groups/{group.Id()}",
            $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"add","path":"members","value":[{"value":"{{user.Id()}}"}]}]}""");
        Assert.Equal(HttpStatusCode.NoContent, added.StatusCode);
        var removed = await client.PatchAsync($"/scim/v2/Groups/{group.Id()}",
            $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"remove","path":"members[value eq \"{{user.Id()}}\"]"}]}""");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/scim/v2/Users/{Guid.NewGuid()}", cancellation)).StatusCode);
        await RejectOneRequestOfTheRateLimitedTenantAsync(cancellation);
        await _receiver.WaitForAsync(accepted => accepted.Count >= 3);

        var services = _api.Services;
        await services.GetServices<IHostedService>().OfType<ResourceCountGauge>().Single().RefreshAsync(cancellation);
        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync(cancellation);
        await services.GetServices<IHealthCheckPublisher>().OfType<StoreAvailabilityGauge>().Single().PublishAsync(report, cancellation);

        // What a healthy SQLite service never shows: a store call that failed, and the MongoDB store's own pipeline
        // timing out (what Polly reports when MongoDB is slow).
        ScimMetrics.RecordStoreCall(InstrumentedResourceStore.Sqlite, "get", "User", InstrumentedResourceStore.Failed, TimeSpan.FromMilliseconds(3));
        var pipeline = MongoResilience.Store(new MongoStoreOptions { OperationTimeout = TimeSpan.FromMilliseconds(20) }, TimeProvider.System, null);
        await Assert.ThrowsAsync<TimeoutRejectedException>(async () => await pipeline.ExecuteAsync(
            static async token => await Task.Delay(TimeSpan.FromSeconds(30), token), cancellation));

        using var scraper = _api.CreateClient();
        Scraped = Exposition.Parse(await scraper.GetStringAsync("/metrics", cancellation));
    }

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }
    }

    private async Task RejectOneRequestOfTheRateLimitedTenantAsync(CancellationToken cancellation)
    {
        using var limited = _api.CreateScimClient(_api.OtherTenantToken);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            if ((await limited.GetAsync("/scim/v2/Users?count=1", cancellation)).StatusCode == HttpStatusCode.TooManyRequests)
            {
                return;
            }
        }

        Assert.Fail("ten requests in a row of a tenant allowed one a second were all served");
    }
}
