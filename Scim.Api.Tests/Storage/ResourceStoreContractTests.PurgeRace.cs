using Scim.Api.Core.Errors;
using Scim.Api.Core.Paging;
using Scim.Api.Core.Storage;

namespace Scim.Api.Tests.Storage;

public abstract partial class ResourceStoreContractTests
{
    // Every replica runs the purger, and an administrator may restore and delete again at any moment: whatever the
    // interleaving, a purge removes only the expired tombstone it found, never a fresh one of the same resource.
    [Fact]
    public async Task Purge_RacingARestoreAndANewDelete_NeverRemovesTheFreshTombstoneOrItsMemberships()
    {
        var expiredAt = Clock.GetUtcNow() - Retention - TimeSpan.FromDays(1);
        var freshAt = Clock.GetUtcNow();
        var request = new PurgeRequest(Clock.GetUtcNow() - Retention, DateTimeOffset.MinValue, EraseAuditValuesOfPurged: false);
        for (var round = 0; round < 12; round++)
        {
            var user = UserKey($"u{round}");
            var group = GroupKey($"g{round}");
            await CreateUserAsync(user.Id, $"user{round}");
            await CreateGroupAsync(group.Id, $"group{round}", [Member(user.Id)]);
            await Store.DeleteAsync(new ResourceDeletion(user, null, expiredAt), Ct);

            var purge = Task.Run(() => Retentions.PurgeAsync(request, Ct), Ct);
            var comeback = Task.Run(async () =>
            {
                try
                {
                    await Store.RestoreAsync(new ResourceRestore(user, freshAt, DateTimeOffset.MinValue), Ct);
                }
                catch (ScimException error) when (error.Status == 404)
                {
                    return false;
                }

                await Store.DeleteAsync(new ResourceDeletion(user, null, freshAt), Ct);
                return true;
            }, Ct);
            await purge;
            var cameBack = await comeback;

            var tombstones = await Store.ListDeletedAsync(new DeletedQuery(Tenant, UserType, DateTimeOffset.MinValue, new PageRequest(1, 10)), Ct);
            var kept = tombstones.Tombstones.Where(t => t.Id == user.Id).ToList();
            if (!cameBack)
            {
                Assert.Empty(kept);
                continue;
            }

            Assert.Equal(freshAt, Assert.Single(kept).DeletedAt);
            await Store.RestoreAsync(new ResourceRestore(user, freshAt, freshAt), Ct);
            Assert.Equal([user.Id], MemberIds(await GetAsync(group)));
        }
    }
}
