using System.Text.Json.Nodes;
using Scim.Api.Core.Events;
using Scim.Api.Core.Storage;

namespace Scim.Api.Tests.Storage;

/// <summary>
/// The event-iff-commit rule: every committed change writes exactly one event in its own transaction (and every group
/// whose member list a delete or restore changes gets its own), a change that fails writes none, and each tenant's
/// positions rise without a gap, in commit order.
/// </summary>
public abstract partial class ResourceStoreContractTests
{
    protected IChangeEventLog Events => (IChangeEventLog)Store;

    protected async Task<IReadOnlyList<ChangeEvent>> EventsAsync(string tenant = Tenant, long after = 0, int count = 1000) =>
        (await Events.ReadEventsAsync(new ChangeEventQuery(tenant, after, count), Ct)).Events;

    [Fact]
    public async Task Events_EveryCommittedWrite_HasOneEvent_WithTheNewVersion_InPositionOrder()
    {
        var key = UserKey("u1");
        await Store.CreateAsync(new ResourceWrite(key, UserDocument("bjensen"), NextInstant(), [], Entry(AuditOperation.Create, "userName")), Ct);
        await Store.UpdateAsync(new ResourceUpdate(key, UserDocument("bjensen", "Babs"), null, NextInstant(), Entry(AuditOperation.Replace, "displayName")), 1, Ct);
        await Store.UpdateAsync(new ResourceUpdate(key, UserDocument("bjensen"), null, NextInstant(), Entry(AuditOperation.Patch, "displayName")), 2, Ct);
        await SoftDeleteAsync(key, audit: Entry(AuditOperation.Delete));
        await RestoreAsync(key, Entry(AuditOperation.Restore));

        var events = await EventsAsync();

        Assert.Equal(
            [
                (1L, ChangeOperation.Create, 1L), (2, ChangeOperation.Replace, 2), (3, ChangeOperation.Patch, 3),
                (4, ChangeOperation.Delete, 3), (5, ChangeOperation.Restore, 4),
            ],
            events.Select(e => (e.Position, e.Operation, e.Version)));
        Assert.All(events, e => Assert.Equal((Tenant, "User", "u1"), (e.Tenant, e.ResourceType, e.ResourceId)));
        Assert.Equal(["userName"], events[0].ChangedAttributes);
        Assert.Equal(["displayName"], events[1].ChangedAttributes);
    }

    [Fact]
    public async Task Events_OfWritesThatFail_AreNotWritten_AndLeaveNoGap()
    {
        var entry = Entry(AuditOperation.Create, "userName");
        await Store.CreateAsync(new ResourceWrite(UserKey("u1"), UserDocument("bjensen"), NextInstant(), [], entry), Ct);

        await ScimErrorAsync(() => Store.CreateAsync(new ResourceWrite(UserKey("u2"), UserDocument("BJENSEN"), NextInstant(), [], entry), Ct));
        await ScimErrorAsync(() => Store.UpdateAsync(new ResourceUpdate(UserKey("u1"), UserDocument("x"), null, NextInstant(), entry), 7, Ct));
        await ScimErrorAsync(() => Store.UpdateAsync(new ResourceUpdate(GroupKey("nobody"), null, Add("u1"), NextInstant(), entry), null, Ct));
        await ScimErrorAsync(() => SoftDeleteAsync(UserKey("u1"), expectedVersion: 7, audit: entry));
        await ScimErrorAsync(() => RestoreAsync(UserKey("u1"), entry));
        await CreateUserAsync("u3", "jsmith");

        var events = await EventsAsync();

        Assert.Equal([(1L, "u1"), (2L, "u3")], events.Select(e => (e.Position, e.ResourceId)));
    }

    [Fact]
    public async Task Events_ConcurrentWritesOfATenant_TakeEveryPositionOnce_AndEachResourcesVersionsInOrder()
    {
        await CreateGroupAsync("g1", "Admins");
        var writes = Enumerable.Range(0, 40).Select(i => i % 4 == 0
            ? (Task)CreateUserAsync($"u{i}", $"user{i}")
            : Store.UpdateAsync(new ResourceUpdate(GroupKey("g1"), null, Add($"m{i}"), NextInstant()), null, Ct));
        await Task.WhenAll(writes);

        var events = await EventsAsync();

        Assert.Equal(Enumerable.Range(1, 41).Select(i => (long)i), events.Select(e => e.Position));
        var groupVersions = events.Where(e => e.ResourceId == "g1").Select(e => e.Version).ToList();
        Assert.Equal(Enumerable.Range(1, groupVersions.Count).Select(i => (long)i), groupVersions);
    }

    [Fact]
    public async Task Events_AreCountedPerTenant_AndReadAfterAPosition_InPages()
    {
        for (var i = 0; i < 5; i++)
        {
            await CreateUserAsync($"a{i}", $"a{i}");
            await CreateUserAsync($"b{i}", $"b{i}", tenant: OtherTenant);
        }

        var page = await Events.ReadEventsAsync(new ChangeEventQuery(Tenant, 2, 2), Ct);
        var other = await EventsAsync(OtherTenant);

        Assert.Equal([3L, 4L], page.Events.Select(e => e.Position));
        Assert.Equal(["a2", "a3"], page.Events.Select(e => e.ResourceId));
        Assert.Equal(5, page.LastPosition);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => (long)i), other.Select(e => e.Position));
        Assert.All(other, e => Assert.Equal(OtherTenant, e.Tenant));
        Assert.Empty((await Events.ReadEventsAsync(new ChangeEventQuery("nobody", 0, 10), Ct)).Events);
    }

    [Fact]
    public async Task Events_OfAGroupPatch_NameTheAddedAndRemovedMembers_InOneEvent()
    {
        await CreateGroupAsync("g1", "Admins", [Member("u1"), Member("u2")]);
        var thousand = Enumerable.Range(0, 1000).Select(i => $"m{i:D4}").ToArray();

        await Store.UpdateAsync(new ResourceUpdate(GroupKey("g1"), null, new MembershipDelta(false, ["u1"], [.. thousand.Select(id => Member(id))]),
            NextInstant(), Entry(AuditOperation.Patch, "members")), null, Ct);

        var events = await EventsAsync();
        Assert.Equal(2, events.Count);
        Assert.Equal(["u1", "u2"], events[0].MembersAdded);
        var patch = events[1];
        Assert.Equal((ChangeOperation.Patch, 2L), (patch.Operation, patch.Version));
        Assert.Equal(thousand, patch.MembersAdded);
        Assert.Equal(["u1"], patch.MembersRemoved);
        Assert.Equal(["members"], patch.ChangedAttributes);
    }

    [Fact]
    public async Task Events_OfAMemberListReplaced_NameOnlyTheMembersThatCameAndWent()
    {
        await CreateGroupAsync("g1", "Admins", [Member("u1"), Member("u2")]);

        await Store.UpdateAsync(new ResourceUpdate(GroupKey("g1"), GroupDocument("Admins"), new MembershipDelta(true, [], [Member("u2"), Member("u3")]),
            NextInstant(), Entry(AuditOperation.Replace, "members")), 1, Ct);

        var replace = (await EventsAsync())[^1];
        Assert.Equal(ChangeOperation.Replace, replace.Operation);
        Assert.Equal(["u3"], replace.MembersAdded);
        Assert.Equal(["u1"], replace.MembersRemoved);
    }

    [Fact]
    public async Task Events_OfADeletedMember_IncludeOneForEachGroupItLeft_AndOfItsRestoreOneForEachItRejoined()
    {
        await CreateUserAsync("u1", "bjensen");
        await CreateGroupAsync("g1", "Admins", [Member("u1")]);
        await CreateGroupAsync("g2", "Staff", [Member("u1")]);

        await SoftDeleteAsync(UserKey("u1"));
        var deleted = (await EventsAsync(after: 3)).ToList();
        await RestoreAsync(UserKey("u1"));
        var restored = (await EventsAsync(after: 3 + deleted.Count)).ToList();

        Assert.Equal(("u1", ChangeOperation.Delete), (deleted[0].ResourceId, deleted[0].Operation));
        Assert.Equal(["g1", "g2"], deleted.Skip(1).Select(e => e.ResourceId).Order());
        Assert.All(deleted.Skip(1), e => Assert.Equal((ChangeOperation.Patch, 2L, "u1"), (e.Operation, e.Version, Assert.Single(e.MembersRemoved))));
        Assert.Equal(("u1", ChangeOperation.Restore), (restored[0].ResourceId, restored[0].Operation));
        Assert.All(restored.Skip(1), e => Assert.Equal((ChangeOperation.Patch, 3L, "u1"), (e.Operation, e.Version, Assert.Single(e.MembersAdded))));
        Assert.Equal(2, restored.Count(e => e.ResourceType == "Group"));
    }

    [Fact]
    public async Task Events_OfAPurge_AreWrittenForEachTombstone_AndOldEventsGoExceptEachTenantsNewest()
    {
        await CreateUserAsync("u1", "bjensen");
        await CreateUserAsync("u2", "jsmith");
        await CreateUserAsync("o1", "other", tenant: OtherTenant);
        await SoftDeleteAsync(UserKey("u1"));
        Clock.Advance(Retention + TimeSpan.FromDays(1));

        await Retentions.PurgeAsync(new PurgeRequest(Clock.GetUtcNow() - Retention, Clock.GetUtcNow(), true, 500, Clock.GetUtcNow() - TimeSpan.FromDays(1)), Ct);

        var events = await EventsAsync();
        var purge = Assert.Single(events);
        Assert.Equal((4L, ChangeOperation.Purge, "u1", 1L), (purge.Position, purge.Operation, purge.ResourceId, purge.Version));
        Assert.Equal([1L], (await EventsAsync(OtherTenant)).Select(e => e.Position));
        await CreateUserAsync("u3", "later");
        Assert.Equal(5, (await EventsAsync())[^1].Position);
    }

    [Fact]
    public async Task Events_CarryTheValuesTheEntryCaptured_AndLoseThemWhenTheResourceIsPurged()
    {
        var values = new JsonObject { ["title"] = "Tour Guide" };
        var entry = Entry(AuditOperation.Create, "title") with { EventValues = values };
        await Store.CreateAsync(new ResourceWrite(UserKey("u1"), UserDocument("bjensen"), NextInstant(), [], entry), Ct);
        Assert.True(JsonNode.DeepEquals(values, (await EventsAsync())[0].Values));

        await SoftDeleteAsync(UserKey("u1"));
        Clock.Advance(Retention + TimeSpan.FromDays(1));
        await PurgeExpiredAsync(eraseAuditValues: true);

        Assert.Null((await EventsAsync())[0].Values);
    }

    [Fact]
    public async Task Events_SurviveReopeningTheStore()
    {
        await CreateUserAsync("u1", "bjensen");

        Store = await ReopenAsync(Store);
        await CreateUserAsync("u2", "jsmith");

        Assert.Equal([(1L, "u1"), (2L, "u2")], (await EventsAsync()).Select(e => (e.Position, e.ResourceId)));
    }
}
