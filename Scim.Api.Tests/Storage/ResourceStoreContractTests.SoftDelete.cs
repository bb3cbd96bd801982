using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Scim.Api.Core.Paging;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;
using static Scim.Api.Tests.Storage.FilterBuilder;

namespace Scim.Api.Tests.Storage;

public abstract partial class ResourceStoreContractTests
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    /// <summary>The test's own clock: deletions and purges are timed by it, not by the machine.</summary>
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    protected IStoreRetention Retentions => (IStoreRetention)Store;

    protected Task SoftDeleteAsync(ResourceKey key, long? expectedVersion = null, AuditEntry? audit = null) =>
        Store.DeleteAsync(new ResourceDeletion(key, expectedVersion, Clock.GetUtcNow(), audit), Ct);

    protected Task<StoredResource> RestoreAsync(ResourceKey key, AuditEntry? audit = null) =>
        Store.RestoreAsync(new ResourceRestore(key, Clock.GetUtcNow(), Clock.GetUtcNow() - Retention, audit), Ct);

    protected Task<PurgeResult> PurgeExpiredAsync(bool eraseAuditValues = true, TimeSpan? auditRetention = null) =>
        Retentions.PurgeAsync(
            new PurgeRequest(Clock.GetUtcNow() - Retention, Clock.GetUtcNow() - (auditRetention ?? TimeSpan.FromDays(365)), eraseAuditValues),
            Ct);

    protected async Task<string[]> DeletedIdsAsync(string tenant = Tenant, ResourceTypeDefinition? type = null)
    {
        var page = await Store.ListDeletedAsync(new DeletedQuery(tenant, type, Clock.GetUtcNow() - Retention, new PageRequest(1, 100)), Ct);
        return [.. page.Tombstones.Select(tombstone => tombstone.Id)];
    }

    [Fact]
    public async Task SoftDelete_HidesTheResourceFromReadsListsAndFilters()
    {
        await CreateUserAsync("u1", "bjensen");
        await CreateUserAsync("u2", "jsmith");

        await SoftDeleteAsync(UserKey("u1"));

        Assert.Null(await Store.GetAsync(UserKey("u1"), ReadOptions.Everything, Ct));
        Assert.Equal(["u2"], await QueryIdsAsync(UserType, null));
        Assert.Empty(await QueryIdsAsync(UserType, Eq("userName", "bjensen")));
        var total = await Store.QueryAsync(new ResourceQuery(Tenant, UserType, null, null, new PageRequest(1, 0), ReadOptions.DocumentOnly), Ct);
        Assert.Equal(1, total.TotalResults);
    }

    [Fact]
    public async Task SoftDelete_OfAMember_HidesItFromGroupMembersAndFromMembersFilters()
    {
        await CreateUserAsync("u1", "bjensen");
        await CreateUserAsync("u2", "jsmith");
        await CreateGroupAsync("g1", "Admins", [Member("u1"), Member("u2")]);

        await SoftDeleteAsync(UserKey("u1"));

        Assert.Equal(["u2"], MemberIds(await GetAsync(GroupKey("g1"))));
        Assert.Empty(await QueryIdsAsync(GroupType, Eq("members.value", "u1")));
        Assert.Equal(["g1"], await QueryIdsAsync(GroupType, Eq("members.value", "u2")));
    }

    [Fact]
    public async Task SoftDelete_OfAGroup_HidesItFromItsMembersGroupsAndFromGroupsFilters()
    {
        await CreateUserAsync("u1", "bjensen");
        await CreateGroupAsync("g1", "Admins", [Member("u1")]);
        await CreateGroupAsync("g2", "Staff", [Member("u1")]);

        await SoftDeleteAsync(GroupKey("g1"));

        Assert.Equal(["g2"], MemberIds(await GetAsync(UserKey("u1")), "groups"));
        Assert.Empty(await QueryIdsAsync(UserType, Eq("groups.value", "g1")));
        Assert.Equal(["u1"], await QueryIdsAsync(UserType, Eq("groups.value", "g2")));
    }

    [Fact]
    public async Task SoftDelete_ReleasesTheUniqueNamesOfUsersAndGroups()
    {
        await CreateUserAsync("u1", "bjensen");
        await CreateGroupAsync("g1", "Admins");

        await SoftDeleteAsync(UserKey("u1"));
        await SoftDeleteAsync(GroupKey("g1"));

        Assert.Equal(1, (await CreateUserAsync("u2", "BJensen")).Version);
        Assert.Equal(1, (await CreateGroupAsync("g2", "admins")).Version);
    }

    [Fact]
    public async Task SoftDelete_WithAStaleVersion_IsPreconditionFailedAndLeavesNoTombstone()
    {
        await CreateUserAsync("u1", "bjensen");
        await Store.UpdateAsync(new ResourceUpdate(UserKey("u1"), null, null, NextInstant()), 1, Ct);

        var error = await ScimErrorAsync(() => SoftDeleteAsync(UserKey("u1"), expectedVersion: 1));

        Assert.Equal(412, error.Status);
        Assert.NotNull(await Store.GetAsync(UserKey("u1"), ReadOptions.DocumentOnly, Ct));
        Assert.Empty(await DeletedIdsAsync());
    }

    [Fact]
    public async Task Restore_BringsBackTheSameIdDocumentCreationTimeAndGroupsAtTheNextVersion()
    {
        var document = UserDocument("bjensen", "Barbara Jensen");
        document["title"] = "Tour Guide";
        document["emails"] = new JsonArray(new JsonObject { ["value"] = "bjensen@example.com", ["type"] = "work" });
        var created = await CreateUserAsync("u1", document);
        await CreateUserAsync("u2", "jsmith");
        await CreateGroupAsync("g1", "Admins", [Member("u1", display: "Babs"), Member("u2")]);
        await CreateGroupAsync("g2", "Staff", [Member("u1")]);
        var before = await GetAsync(UserKey("u1"), ReadOptions.DocumentOnly);
        await SoftDeleteAsync(UserKey("u1"));
        var adminsWhileDeleted = await GetAsync(GroupKey("g1"));

        Clock.Advance(TimeSpan.FromDays(3));
        var restored = await RestoreAsync(UserKey("u1"));

        var after = await GetAsync(UserKey("u1"));
        Assert.Equal("u1", restored.Id);
        Assert.Equal(before.Version + 1, restored.Version);
        Assert.Equal(restored.Version, after.Version);
        Assert.Equal(created.Created, after.Created);
        Assert.Equal(Clock.GetUtcNow(), after.LastModified);
        Assert.Equal(["g1", "g2"], MemberIds(after, "groups"));
        after.Document.Remove("groups");
        Assert.True(JsonNode.DeepEquals(before.Document, after.Document), after.Document.ToJsonString());
        var admins = await GetAsync(GroupKey("g1"));
        Assert.Equal(["u1", "u2"], MemberIds(admins));
        Assert.Equal("Babs", (string?)admins.Document["members"]!.AsArray().Single(m => (string?)m!["value"] == "u1")!["display"]);
        Assert.Equal(adminsWhileDeleted.Version + 1, admins.Version);
        Assert.Equal(["u1"], await QueryIdsAsync(UserType, Eq("userName", "bjensen")));
        Assert.Equal(["g1"], await QueryIdsAsync(GroupType, Eq("members.value", "u2")));
        Assert.Equal(["g1", "g2"], await QueryIdsAsync(GroupType, Eq("members.value", "u1")));
    }

    [Fact]
    public async Task Restore_OfAGroup_BringsBackItsMembersAndTheGroupsItBelongsTo()
    {
        await CreateUserAsync("u1", "bjensen");
        await CreateGroupAsync("g1", "Admins", [Member("u1"), Member("not-yet-provisioned", type: "User")]);
        await CreateGroupAsync("g2", "Staff", [Member("g1")]);
        await SoftDeleteAsync(GroupKey("g1"));

        await RestoreAsync(GroupKey("g1"));

        Assert.Equal(["not-yet-provisioned", "u1"], MemberIds(await GetAsync(GroupKey("g1"))));
        Assert.Equal(["g1"], MemberIds(await GetAsync(GroupKey("g2"))));
        Assert.Equal(["g1"], MemberIds(await GetAsync(UserKey("u1")), "groups"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Restore_WhenBothSidesWereDeleted_TheMembershipReturnsWithTheSecondToReturn(bool memberDeletedFirst)
    {
        await CreateUserAsync("u1", "bjensen");
        await CreateGroupAsync("g1", "Admins", [Member("u1")]);
        ResourceKey[] order = memberDeletedFirst ? [UserKey("u1"), GroupKey("g1")] : [GroupKey("g1"), UserKey("u1")];
        foreach (var key in order)
        {
            await SoftDeleteAsync(key);
        }

        await RestoreAsync(UserKey("u1"));
        var groupsWhileGroupDeleted = MemberIds(await GetAsync(UserKey("u1")), "groups");
        await RestoreAsync(GroupKey("g1"));

        Assert.Empty(groupsWhileGroupDeleted);
        Assert.Equal(["u1"], MemberIds(await GetAsync(GroupKey("g1"))));
        Assert.Equal(["g1"], MemberIds(await GetAsync(UserKey("u1")), "groups"));
    }

    [Fact]
    public async Task Restore_WhenTheNameWasTakenMeanwhile_IsUniquenessAndKeepsTheTombstone()
    {
        await CreateUserAsync("u1", "bjensen");
        await SoftDeleteAsync(UserKey("u1"));
        await CreateUserAsync("u2", "BJENSEN");

        var error = await ScimErrorAsync(() => RestoreAsync(UserKey("u1")));

        Assert.Equal(409, error.Status);
        Assert.Equal("uniqueness", error.ScimType);
        Assert.Contains("bjensen", error.Detail, StringComparison.Ordinal);
        Assert.Null(await Store.GetAsync(UserKey("u1"), ReadOptions.DocumentOnly, Ct));
        Assert.Equal(["u1"], await DeletedIdsAsync());

        await SoftDeleteAsync(UserKey("u2"));
        Assert.Equal("u1", (await RestoreAsync(UserKey("u1"))).Id);
    }

    [Fact]
    public async Task Restore_OfAGroupWhoseDisplayNameWasTaken_IsUniqueness()
    {
        await CreateGroupAsync("g1", "Admins");
        await SoftDeleteAsync(GroupKey("g1"));
        await CreateGroupAsync("g2", "Admins");

        var error = await ScimErrorAsync(() => RestoreAsync(GroupKey("g1")));

        Assert.Equal(409, error.Status);
        Assert.Equal("uniqueness", error.ScimType);
    }

    [Fact]
    public async Task Restore_OfAResourceThatIsNotDeleted_IsNotFound()
    {
        await CreateUserAsync("u1", "bjensen");

        var live = await ScimErrorAsync(() => RestoreAsync(UserKey("u1")));
        var missing = await ScimErrorAsync(() => RestoreAsync(UserKey("never-existed")));

        Assert.Equal(404, live.Status);
        Assert.Equal(404, missing.Status);
    }

    [Fact]
    public async Task Restore_Twice_IsNotFoundTheSecondTime()
    {
        await CreateUserAsync("u1", "bjensen");
        await SoftDeleteAsync(UserKey("u1"));
        await RestoreAsync(UserKey("u1"));

        var error = await ScimErrorAsync(() => RestoreAsync(UserKey("u1")));

        Assert.Equal(404, error.Status);
        Assert.Empty(await DeletedIdsAsync());
    }

    [Fact]
    public async Task Restore_AfterTheRetention_IsNotFoundEvenBeforeThePurge()
    {
        await CreateUserAsync("u1", "bjensen");
        await SoftDeleteAsync(UserKey("u1"));

        Clock.Advance(Retention + TimeSpan.FromMinutes(1));
        var error = await ScimErrorAsync(() => RestoreAsync(UserKey("u1")));

        Assert.Equal(404, error.Status);
        Assert.Empty(await DeletedIdsAsync());
    }

    [Fact]
    public async Task Restore_InAnotherTenant_IsNotFound()
    {
        await CreateUserAsync("u1", "bjensen");
        await SoftDeleteAsync(UserKey("u1"));

        var error = await ScimErrorAsync(() => RestoreAsync(UserKey("u1", OtherTenant)));

        Assert.Equal(404, error.Status);
        Assert.Empty(await DeletedIdsAsync(OtherTenant));
    }

    [Fact]
    public async Task ListDeleted_ShowsTheTenantsTombstonesNewestFirst_ByTypeWhenAsked()
    {
        await CreateUserAsync("u1", "bjensen", "Barbara Jensen");
        await CreateUserAsync("u2", "jsmith");
        await CreateGroupAsync("g1", "Admins");
        await CreateUserAsync("u1", "bjensen", tenant: OtherTenant);
        await SoftDeleteAsync(UserKey("u1"));
        Clock.Advance(TimeSpan.FromMinutes(1));
        await SoftDeleteAsync(GroupKey("g1"));
        Clock.Advance(TimeSpan.FromMinutes(1));
        await SoftDeleteAsync(UserKey("u2"));
        await SoftDeleteAsync(UserKey("u1", OtherTenant));

        var all = await Store.ListDeletedAsync(new DeletedQuery(Tenant, null, Clock.GetUtcNow() - Retention, new PageRequest(1, 2)), Ct);

        Assert.Equal(3, all.TotalResults);
        Assert.Equal(["u2", "g1"], all.Tombstones.Select(t => t.Id));
        Assert.Equal(["u2", "u1"], await DeletedIdsAsync(type: UserType));
        var first = (await Store.ListDeletedAsync(new DeletedQuery(Tenant, UserType, Clock.GetUtcNow() - Retention, new PageRequest(2, 1)), Ct))
            .Tombstones.Single();
        Assert.Equal(("User", "u1", "Barbara Jensen", 1L), (first.ResourceType, first.Id, first.DisplayName, first.Version));
        Assert.Equal(Clock.GetUtcNow() - TimeSpan.FromMinutes(2), first.DeletedAt);
    }

    [Fact]
    public async Task Purge_AfterTheRetention_RemovesTheTombstoneAndTheMembershipsItKept()
    {
        await CreateUserAsync("u1", "bjensen");
        await CreateGroupAsync("g1", "Admins", [Member("u1")]);
        await SoftDeleteAsync(UserKey("u1"));
        await SoftDeleteAsync(GroupKey("g1"));

        Clock.Advance(Retention + TimeSpan.FromHours(1));
        var purged = await PurgeExpiredAsync();
        var again = await PurgeExpiredAsync();

        Assert.Equal((2, true), (purged.Tombstones, purged.IsComplete));
        Assert.Equal(0, again.Tombstones);
        var everDeleted = await Store.ListDeletedAsync(new DeletedQuery(Tenant, null, DateTimeOffset.MinValue, new PageRequest(1, 10)), Ct);
        Assert.Equal(0, everDeleted.TotalResults);
        var error = await ScimErrorAsync(() => Store.RestoreAsync(new ResourceRestore(UserKey("u1"), Clock.GetUtcNow(), DateTimeOffset.MinValue), Ct));
        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task Purge_KeepsTombstonesWithinTheRetention()
    {
        await CreateUserAsync("u1", "bjensen");
        await CreateUserAsync("u2", "jsmith");
        await SoftDeleteAsync(UserKey("u1"));
        Clock.Advance(TimeSpan.FromDays(20));
        await SoftDeleteAsync(UserKey("u2"));

        Clock.Advance(TimeSpan.FromDays(11));
        var purged = await PurgeExpiredAsync();

        Assert.Equal(1, purged.Tombstones);
        Assert.Equal(["u2"], await DeletedIdsAsync());
        Assert.Equal("u2", (await RestoreAsync(UserKey("u2"))).Id);
    }

    [Fact]
    public async Task Purge_OfAMember_LeavesItOutOfItsGroupWhenTheGroupIsRestoredLater()
    {
        await CreateUserAsync("u1", "bjensen");
        await CreateUserAsync("u2", "jsmith");
        await CreateGroupAsync("g1", "Admins", [Member("u1"), Member("u2")]);
        await SoftDeleteAsync(UserKey("u1"));
        Clock.Advance(TimeSpan.FromDays(10));
        await SoftDeleteAsync(GroupKey("g1"));

        Clock.Advance(TimeSpan.FromDays(25));
        var purged = await PurgeExpiredAsync();
        await RestoreAsync(GroupKey("g1"));

        Assert.Equal(1, purged.Tombstones);
        Assert.Equal(["u2"], MemberIds(await GetAsync(GroupKey("g1"))));
    }

    [Fact]
    public async Task Purge_InBatches_ReportsIncompleteUntilEverythingExpiredIsGone()
    {
        for (var i = 0; i < 5; i++)
        {
            await CreateUserAsync($"u{i}", $"user{i}");
            await SoftDeleteAsync(UserKey($"u{i}"));
        }

        Clock.Advance(Retention + TimeSpan.FromDays(1));
        var request = new PurgeRequest(Clock.GetUtcNow() - Retention, Clock.GetUtcNow() - TimeSpan.FromDays(365), true, BatchSize: 2);
        var batches = new List<PurgeResult>();
        do
        {
            batches.Add(await Retentions.PurgeAsync(request, Ct));
        }
        while (!batches[^1].IsComplete);

        Assert.Equal([2, 2, 1], batches.Select(batch => batch.Tombstones));
    }

    [Fact]
    public async Task SoftDelete_AgainAfterTheIdWasReused_ReplacesTheOlderTombstone()
    {
        await CreateUserAsync("u1", "bjensen");
        await SoftDeleteAsync(UserKey("u1"));
        await CreateUserAsync("u1", "second");
        await SoftDeleteAsync(UserKey("u1"));

        var restored = await RestoreAsync(UserKey("u1"));

        Assert.Equal("second", (string?)restored.Document["userName"]);
        Assert.Empty(await DeletedIdsAsync());
    }

    [Fact]
    public async Task ActiveFalse_IsNotADelete_TheUserStaysVisible()
    {
        var document = UserDocument("bjensen");
        document["active"] = false;
        await CreateUserAsync("u1", document);

        Assert.Equal(["u1"], await QueryIdsAsync(UserType, Eq("active", false)));
        Assert.Empty(await DeletedIdsAsync());
    }
}
