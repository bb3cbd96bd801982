using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Scim.Api.Core.Storage;
using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Endpoints;

/// <summary>
/// Limits that follow what a request costs: a /Bulk request is charged one request of the tenant's rate limit per
/// operation, and a tenant's requests running at once are bounded, so one tenant cannot take every worker.
/// </summary>
public sealed class TenantCostLimitTests : IDisposable
{
    private const string BulkRequest = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
    private readonly ScimApiFactory _api = new();
    private readonly HeldQueries _held = new();

    public TenantCostLimitTests()
    {
        _api.Settings["Scim:RateLimit:Tenants:tenant-a:PermitsPerSecond"] = "1";
        _api.Settings["Scim:RateLimit:Tenants:tenant-a:Burst"] = "10";
        _api.Settings["Scim:RateLimit:Tenants:tenant-a:MaxConcurrentRequests"] = "1";
        _api.Settings["Scim:RateLimit:Tenants:tenant-a:QueuedRequests"] = "0";
    }

    public void Dispose()
    {
        _held.Dispose();
        _api.Dispose();
    }

    [Fact]
    public async Task ABulkRequest_CostsOneRequestPerOperation_AndOverTheLimitRunsNoneOfThem()
    {
        using var client = _api.CreateScimClient();
        var prefix = ScimHttp.UniqueName("bulk");

        var response = await client.PostAsync("/scim/v2/Bulk", ScimHttp.Json(Bulk(prefix, 20)));

        await response.AssertScimErrorAsync(429);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("one per bulk operation", (string?)(await response.BodyAsync())["detail"], StringComparison.Ordinal);
        var found = await (await client.GetAsync($"/scim/v2/Users?filter={Uri.EscapeDataString($"userName sw \"{prefix}\"")}")).BodyAsync();
        Assert.Equal(0, (int)found["totalResults"]!);
    }

    [Fact]
    public async Task ABulkRequestWithinTheLimit_Runs_AndUsesUpWhatItCost()
    {
        using var client = _api.CreateScimClient();

        var bulk = await client.PostAsync("/scim/v2/Bulk", ScimHttp.Json(Bulk(ScimHttp.UniqueName("bulk"), 8)));
        Assert.Equal(HttpStatusCode.OK, bulk.StatusCode);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.GetAsync("/scim/v2/Users?count=1")).StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task ATenantAtItsConcurrencyLimit_GetsA429_WhileOtherTenantsAreServed()
    {
        using var server = _api.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            var inner = services.Single(d => d.ServiceType == typeof(IResourceStore));
            services.Remove(inner);
            services.AddSingleton<IResourceStore>(provider => _held.Around((IResourceStore)inner.ImplementationFactory!(provider)));
        }));
        using var tenantA = server.ScimClient(_api.WriteToken);
        using var tenantB = server.ScimClient(_api.OtherTenantToken);

        _held.Hold();
        var running = tenantA.GetAsync("/scim/v2/Users?count=1", TestContext.Current.CancellationToken);
        await _held.Entered.WaitAsync(TestContext.Current.CancellationToken);

        var second = await tenantA.GetAsync("/scim/v2/Users?count=1", TestContext.Current.CancellationToken);
        _held.Release();
        var other = await tenantB.GetAsync("/scim/v2/Users?count=1", TestContext.Current.CancellationToken);

        await second.AssertScimErrorAsync(429);
        Assert.Contains("running at once", (string?)(await second.BodyAsync())["detail"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await running).StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task TheRateLimit_IsEnforcedByEachReplica_OnItsOwn()
    {
        using var first = _api.WithWebHostBuilder(_ => { });
        using var second = _api.WithWebHostBuilder(_ => { });
        using var onFirst = first.ScimClient(_api.WriteToken);
        using var onSecond = second.ScimClient(_api.WriteToken);

        var firstStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            firstStatuses.Add((await onFirst.GetAsync("/scim/v2/Users?count=1", TestContext.Current.CancellationToken)).StatusCode);
        }

        var onTheOther = await onSecond.GetAsync("/scim/v2/Users?count=1", TestContext.Current.CancellationToken);

        Assert.Contains(HttpStatusCode.TooManyRequests, firstStatuses);
        Assert.Equal(HttpStatusCode.OK, onTheOther.StatusCode);
    }

    private static string Bulk(string prefix, int operations)
    {
        var posts = Enumerable.Range(0, operations).Select(i =>
            $$$"""{"method":"POST","path":"/Users","bulkId":"u{{{i}}}","data":{"userName":"{{{prefix}}}-{{{i}}}"}}""");
        return $$"""{"schemas":["{{BulkRequest}}"],"Operations":[{{string.Join(",", posts)}}]}""";
    }

    /// <summary>Holds the next query in the store until released, to keep one request running.</summary>
    private sealed class HeldQueries : IDisposable
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private volatile bool _holding;

        public SemaphoreSlim Entered { get; } = new(0);

        public IResourceStore Around(IResourceStore inner) => new Store(inner, this);

        public void Hold()
        {
            _gate.Wait(TestContext.Current.CancellationToken);
            _holding = true;
        }

        public void Release()
        {
            _holding = false;
            _gate.Release();
        }

        public void Dispose()
        {
            _gate.Dispose();
            Entered.Dispose();
        }

        private sealed class Store(IResourceStore inner, HeldQueries held) : DelegatingResourceStore(inner)
        {
            public override async Task<QueryResult> QueryAsync(ResourceQuery query, CancellationToken cancellationToken)
            {
                if (held._holding)
                {
                    held.Entered.Release();
                    await held._gate.WaitAsync(cancellationToken);
                    held._gate.Release();
                }

                return await base.QueryAsync(query, cancellationToken);
            }
        }
    }
}
