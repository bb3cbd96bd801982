using System.Diagnostics;
using System.Text.Json.Nodes;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;
using Scim.Api.Hosting;
using Scim.Api.Hosting.Telemetry;
using Scim.Api.Storage;

namespace Scim.Api.Tests.Hosting.Telemetry;

/// <summary>The decorator's spans, read with an ActivityListener limited to this test's own tenant.</summary>
public sealed class InstrumentedResourceStoreTests : IDisposable
{
    private readonly string _tenant = "store-" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<Activity> _spans = [];
    private readonly ActivityListener _listener;

    public InstrumentedResourceStoreTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ScimTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Equals(activity.GetTagItem(ScimAttributes.Tenant), _tenant))
                {
                    lock (_spans)
                    {
                        _spans.Add(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    private ResourceKey Key => new(_tenant, BuiltInSchemas.GroupResourceType, "g1");

    private Activity OnlySpan()
    {
        lock (_spans)
        {
            return Assert.Single(_spans);
        }
    }

    [Fact]
    public async Task Update_TagsTheMembersAddedAndRemoved_ButNoMemberIds()
    {
        var store = new InstrumentedResourceStore(new FakeStore(), "fake");
        var delta = new MembershipDelta(true, ["gone-1", "gone-2"], [new("m-1", null, null), new("m-2", null, null), new("m-3", "User", "Display Name")]);

        await store.UpdateAsync(new ResourceUpdate(Key, null, delta, DateTimeOffset.UtcNow), 1, TestContext.Current.CancellationToken);

        var span = OnlySpan();
        Assert.Equal("Store update Group", span.DisplayName);
        Assert.Equal(3, span.GetTagItem(ScimAttributes.MembersAdded));
        Assert.Equal(2, span.GetTagItem(ScimAttributes.MembersRemoved));
        TelemetryAssert.CarriesNone([span], "m-1", "gone-1", "Display Name");
    }

    public static TheoryData<string, string, ActivityStatusCode> Failures => new()
    {
        { "not-found", InstrumentedResourceStore.Rejected, ActivityStatusCode.Unset },
        { "cancelled", InstrumentedResourceStore.Cancelled, ActivityStatusCode.Unset },
        { "unavailable", InstrumentedResourceStore.Failed, ActivityStatusCode.Error },
        { "synchronous", InstrumentedResourceStore.Failed, ActivityStatusCode.Error },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task AFailedCall_IsRethrown_WithItsOutcomeOnTheSpan(string failure, string outcome, ActivityStatusCode status)
    {
        var store = new InstrumentedResourceStore(new FakeStore(failure), "fake");

        await Assert.ThrowsAnyAsync<Exception>(() => store.DeleteAsync(Key, null, TestContext.Current.CancellationToken));

        var span = OnlySpan();
        Assert.Equal(outcome, span.GetTagItem(ScimAttributes.StoreOutcome));
        Assert.Equal(status, span.Status);
    }

    public void Dispose() => _listener.Dispose();

    private sealed class FakeStore(string? failure = null) : IResourceStore
    {
        public Task<StoredResource> CreateAsync(ResourceWrite write, CancellationToken cancellationToken) => Result(Stored());

        public Task<StoredResource?> GetAsync(ResourceKey key, ReadOptions options, CancellationToken cancellationToken) => Result<StoredResource?>(Stored());

        public Task<StoredResource> UpdateAsync(ResourceUpdate update, long? expectedVersion, CancellationToken cancellationToken) => Result(Stored());

        public Task DeleteAsync(ResourceKey key, long? expectedVersion, CancellationToken cancellationToken) => Result(true);

        public Task DeleteAsync(ResourceDeletion deletion, CancellationToken cancellationToken) => Result(true);

        public Task<StoredResource> RestoreAsync(ResourceRestore restore, CancellationToken cancellationToken) => Result(Stored());

        public Task<TombstonePage> ListDeletedAsync(DeletedQuery query, CancellationToken cancellationToken) => Result(new TombstonePage(0, []));

        public Task<QueryResult> QueryAsync(ResourceQuery query, CancellationToken cancellationToken) => Result(new QueryResult(0, []));

        private static StoredResource Stored() => new("g1", 2, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, new JsonObject());

        // "synchronous" throws before any task exists, as a store's argument checks do.
        private Task<T> Result<T>(T value) =>
            failure == "synchronous" ? throw new InvalidOperationException("thrown before the first await") : ResultAsync(value);

        private async Task<T> ResultAsync<T>(T value)
        {
            await Task.Yield();
            return failure switch
            {
                "not-found" => throw ScimException.NotFound("missing"),
                "cancelled" => throw new OperationCanceledException(),
                "unavailable" => throw new StoreUnavailableException("down"),
                _ => value,
            };
        }
    }
}
