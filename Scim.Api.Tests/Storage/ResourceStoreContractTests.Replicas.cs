using Scim.Api.Core.Paging;
using Scim.Api.Core.Storage;

namespace Scim.Api.Tests.Storage;

/// <summary>
/// Several replicas over the same data: each has its own store instance, and work that every replica does (the
/// soft-delete purge) must give the same result as one replica doing it.
/// </summary>
public abstract partial class ResourceStoreContractTests
{
    /// <summary>
    /// Another store instance over the same data, as a second replica has; null when this store cannot be shared by
    /// two processes (the test then skips).
    /// </summary>
    protected virtual Task<IResourceStore?> OpenReplicaAsync() => Task.FromResult<IResourceStore?>(null);

    [Fact]
    public async Task Purge_RunByTwoReplicasAtOnce_RemovesEachExpiredTombstoneOnce_AndKeepsTheRest()
    {
        var replica = await OpenReplicaAsync();
        Assert.SkipWhen(replica is null, "This store is not shared by several replicas.");
        for (var i = 0; i < 40; i++)
        {
            await CreateUserAsync($"old{i}", $"old-{i}");
            await SoftDeleteAsync(UserKey($"old{i}"));
        }

        Clock.Advance(Retention + TimeSpan.FromHours(1));
        await CreateUserAsync("recent", "recent");
        await SoftDeleteAsync(UserKey("recent"));
        var request = new PurgeRequest(Clock.GetUtcNow() - Retention, Clock.GetUtcNow() - TimeSpan.FromDays(365), true, BatchSize: 7);

        var results = await Task.WhenAll(
            PurgeUntilCompleteAsync((IStoreRetention)Store, request),
            PurgeUntilCompleteAsync((IStoreRetention)replica!, request));

        Assert.Equal(40, results.Sum());
        Assert.Equal(["recent"], await DeletedIdsAsync());
        var everDeleted = await Store.ListDeletedAsync(new DeletedQuery(Tenant, null, DateTimeOffset.MinValue, new PageRequest(1, 100)), Ct);
        Assert.Equal(1, everDeleted.TotalResults);
    }

    private static async Task<int> PurgeUntilCompleteAsync(IStoreRetention store, PurgeRequest request)
    {
        var purged = 0;
        for (var round = 0; round < 100; round++)
        {
            var result = await store.PurgeAsync(request, Ct);
            purged += result.Tombstones;
            if (result.IsComplete)
            {
                return purged;
            }
        }

        throw new InvalidOperationException("The purge never completed.");
    }
}
