using System.Text.Json.Nodes;
using Scim.Api.Application.Events;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;

namespace Scim.Api.Tests.Application.Events;

public sealed class SignallingResourceStoreTests
{
    private static readonly ResourceKey Key = new("acme", BuiltInSchemas.UserResourceType, "u1");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AWriteThatSucceeded_WakesItsTenantsDelivery_AndNoOtherTenants()
    {
        var signal = new ChangeSignal();
        var store = new SignallingResourceStore(new StubStore(failing: false), signal);
        var acme = signal.Next("acme");
        var globex = signal.Next("globex");

        await store.CreateAsync(new ResourceWrite(Key, [], DateTimeOffset.UnixEpoch, []), Ct);

        Assert.True(acme.IsCompleted);
        Assert.False(globex.IsCompleted);
        acme = signal.Next("acme");
        await store.DeleteAsync(Key, null, Ct);
        Assert.True(acme.IsCompleted);
    }

    [Fact]
    public async Task AWriteThatFailed_OrARead_WakesNothing()
    {
        var signal = new ChangeSignal();
        var next = signal.Next("acme");

        await Assert.ThrowsAsync<ScimException>(() => new SignallingResourceStore(new StubStore(failing: true), signal).DeleteAsync(Key, 3, Ct));
        await new SignallingResourceStore(new StubStore(failing: false), signal).GetAsync(Key, ReadOptions.DocumentOnly, Ct);

        Assert.False(next.IsCompleted);
    }

    private sealed class StubStore(bool failing) : IResourceStore
    {
        private static readonly StoredResource Stored = new("u1", 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, new JsonObject());

        public Task<StoredResource> CreateAsync(ResourceWrite write, CancellationToken cancellationToken) => Outcome(Stored);

        public Task<StoredResource?> GetAsync(ResourceKey key, ReadOptions options, CancellationToken cancellationToken) => Task.FromResult<StoredResource?>(Stored);

        public Task<StoredResource> UpdateAsync(ResourceUpdate update, long? expectedVersion, CancellationToken cancellationToken) => Outcome(Stored);

        public Task DeleteAsync(ResourceKey key, long? expectedVersion, CancellationToken cancellationToken) => Outcome(true);

        public Task DeleteAsync(ResourceDeletion deletion, CancellationToken cancellationToken) => Outcome(true);

        public Task<StoredResource> RestoreAsync(ResourceRestore restore, CancellationToken cancellationToken) => Outcome(Stored);

        public Task<TombstonePage> ListDeletedAsync(DeletedQuery query, CancellationToken cancellationToken) => Task.FromResult(new TombstonePage(0, []));

        public Task<QueryResult> QueryAsync(ResourceQuery query, CancellationToken cancellationToken) => Task.FromResult(new QueryResult(0, []));

        private Task<T> Outcome<T>(T value) =>
            failing ? Task.FromException<T>(ScimException.PreconditionFailed("stale version")) : Task.FromResult(value);
    }
}
