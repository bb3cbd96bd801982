using System.Diagnostics;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Storage;
using Scim.Api.Hosting;
using Scim.Api.Hosting.Telemetry;
using Scim.Api.Storage;
using Scim.Api.Tests.Endpoints;
using static Scim.Api.Tests.Hosting.Telemetry.MetricAssert;
using static Scim.Api.Tests.Hosting.Telemetry.TelemetryApiFixture;
using static Scim.Api.Tests.Hosting.Telemetry.TelemetryAssert;

namespace Scim.Api.Tests.Hosting.Telemetry;

/// <summary>A store that cannot be reached: the request answers 503, and its telemetry says so as an error.</summary>
public sealed class UnavailableStoreTelemetryTests(UnavailableStoreTelemetryTests.Fixture fixture) : IClassFixture<UnavailableStoreTelemetryTests.Fixture>
{
    [Fact]
    public async Task StoreUnavailable_MarksTheStoreAndOperationSpansAsErrors_RecordsA503AndLogsAnError()
    {
        using var client = fixture.CreateClient();
        (string, object)[] requests =
            [(ScimAttributes.Operation, "get"), (ScimAttributes.Tenant, fixture.Tenant), (ScimAttributes.StatusCode, 503)];
        var before = fixture.CollectMetrics();

        var (response, traceId) = await SendTracedAsync(client, new HttpRequestMessage(HttpMethod.Get, $"/scim/v2/Users/{Guid.NewGuid()}"));

        await response.AssertScimErrorAsync(503);
        var spans = await fixture.SpansOfTraceAsync(traceId);
        var operation = Span(spans, "SCIM get User");
        HasTags(operation, (ScimAttributes.StatusCode, 503), (ScimAttributes.ErrorType, "503"));
        Assert.Equal(ActivityStatusCode.Error, operation.Status);
        var store = Span(spans, "Store get User");
        HasTags(store, (ScimAttributes.StoreOutcome, InstrumentedResourceStore.Failed), (ScimAttributes.ErrorType, typeof(StoreUnavailableException).FullName!));
        Assert.Equal(ActivityStatusCode.Error, store.Status);
        var after = fixture.CollectMetrics();
        Assert.Equal(1, Sum(after, ScimMetrics.RequestsName, requests) - Sum(before, ScimMetrics.RequestsName, requests));
        Assert.True(HistogramCount(after, ScimMetrics.StoreDurationName, (ScimAttributes.Store, "unreachable"),
            (ScimAttributes.StoreOutcome, InstrumentedResourceStore.Failed)) >= 1);
        Assert.Contains(fixture.Logs, log => log.TraceId == traceId && log.Level == LogLevel.Error);
    }

    /// <summary>The telemetry fixture with the store replaced by one that is never reachable.</summary>
    public sealed class Fixture : IDisposable
    {
        private readonly TelemetryApiFixture _inner = new();

        public Fixture()
        {
            Factory = _inner.Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
                services.AddSingleton<IResourceStore>(new InstrumentedResourceStore(new UnreachableStore(), "unreachable"))));
        }

        public Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Factory { get; }

        public string Tenant => _inner.Tenant;

        public IReadOnlyList<CapturedLog> Logs => _inner.Logs;

        public HttpClient CreateClient()
        {
            var client = Factory.CreateClient();
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _inner.Token);
            return client;
        }

        public Task<IReadOnlyList<Activity>> SpansOfTraceAsync(ActivityTraceId traceId) => _inner.SpansOfTraceAsync(traceId);

        public IReadOnlyList<OpenTelemetry.Metrics.MetricSnapshot> CollectMetrics() => _inner.CollectMetrics(Factory.Services);

        public void Dispose() => _inner.Dispose();
    }

    private sealed class UnreachableStore : IResourceStore
    {
        public Task<StoredResource> CreateAsync(ResourceWrite write, CancellationToken cancellationToken) => throw Unreachable();

        public Task<StoredResource?> GetAsync(ResourceKey key, ReadOptions options, CancellationToken cancellationToken) => throw Unreachable();

        public Task<StoredResource> UpdateAsync(ResourceUpdate update, long? expectedVersion, CancellationToken cancellationToken) => throw Unreachable();

        public Task DeleteAsync(ResourceKey key, long? expectedVersion, CancellationToken cancellationToken) => throw Unreachable();

        public Task DeleteAsync(ResourceDeletion deletion, CancellationToken cancellationToken) => throw Unreachable();

        public Task<StoredResource> RestoreAsync(ResourceRestore restore, CancellationToken cancellationToken) => throw Unreachable();

        public Task<TombstonePage> ListDeletedAsync(DeletedQuery query, CancellationToken cancellationToken) => throw Unreachable();

        public Task<QueryResult> QueryAsync(ResourceQuery query, CancellationToken cancellationToken) => throw Unreachable();

        private static StoreUnavailableException Unreachable() => new("The test store is unreachable.", TimeSpan.FromSeconds(2), null);
    }
}
