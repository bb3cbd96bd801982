using System.Text.Json.Nodes;
using Scim.Api.Core.Paging;
using Scim.Api.Core.Storage;

namespace Scim.Api.Tests.Storage;

public abstract partial class ResourceStoreContractTests
{
    protected IAuditTrail AuditTrail => (IAuditTrail)Store;

    protected AuditEntry Entry(AuditOperation operation, params string[] changed) =>
        new(operation, "entra-prod", "req-1", "4bf92f3577b34da6a3ce929d0e0e4736", Clock.GetUtcNow(), changed, null);

    protected async Task<IReadOnlyList<AuditRecord>> AuditOfAsync(ResourceKey key) =>
        (await AuditTrail.QueryAuditAsync(new AuditQuery(key.Tenant, key.Type.Name, key.Id, null, null, new PageRequest(1, 100)), Ct)).Records;

    [Fact]
    public async Task Audit_EveryWriteThatCarriesAnEntry_IsRecordedWithItsVersionsNewestFirst()
    {
        var key = UserKey("u1");
        await Store.CreateAsync(new ResourceWrite(key, UserDocument("bjensen"), NextInstant(), [], Entry(AuditOperation.Create, "userName")), Ct);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await Store.UpdateAsync(new ResourceUpdate(key, UserDocument("bjensen", "Babs"), null, NextInstant(), Entry(AuditOperation.Replace, "displayName")), 1, Ct);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await Store.UpdateAsync(new ResourceUpdate(key, UserDocument("bjensen"), null, NextInstant(), Entry(AuditOperation.Patch, "displayName")), 2, Ct);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await SoftDeleteAsync(key, audit: Entry(AuditOperation.Delete));
        Clock.Advance(TimeSpan.FromSeconds(1));
        await RestoreAsync(key, Entry(AuditOperation.Restore));

        var records = await AuditOfAsync(key);

        Assert.Equal(
            [
                (AuditOperation.Restore, (long?)3, (long?)4),
                (AuditOperation.Delete, 3, null),
                (AuditOperation.Patch, 2, 3),
                (AuditOperation.Replace, 1, 2),
                (AuditOperation.Create, null, 1),
            ],
            records.Select(r => (r.Operation, r.VersionBefore, r.VersionAfter)));
        var create = records[^1];
        Assert.Equal((Tenant, "User", "u1"), (create.Tenant, create.ResourceType, create.ResourceId));
        Assert.Equal(("entra-prod", "req-1", "4bf92f3577b34da6a3ce929d0e0e4736"), (create.CredentialId, create.RequestId, create.TraceId));
        Assert.Equal(Clock.GetUtcNow() - TimeSpan.FromSeconds(4), create.At);
        Assert.Equal(["userName"], create.ChangedAttributes);
        Assert.Null(create.Values);
        Assert.Equal(["displayName"], records[2].ChangedAttributes);
    }

    [Fact]
    public async Task Audit_OfAMembershipChange_IsRecordedWithTheGroup()
    {
        await CreateGroupAsync("g1", "Admins");

        await Store.UpdateAsync(new ResourceUpdate(GroupKey("g1"), null, Add("u1"), NextInstant(), Entry(AuditOperation.Patch, "members")), 1, Ct);

        var record = Assert.Single(await AuditOfAsync(GroupKey("g1")));
        Assert.Equal(["members"], record.ChangedAttributes);
        Assert.Equal((1L, 2L), (record.VersionBefore, record.VersionAfter));
    }

    [Fact]
    public async Task Audit_OfAWriteThatFails_IsNotRecorded()
    {
        var entry = Entry(AuditOperation.Create, "userName");
        await Store.CreateAsync(new ResourceWrite(UserKey("u1"), UserDocument("bjensen"), NextInstant(), [], entry), Ct);

        await ScimErrorAsync(() => Store.CreateAsync(new ResourceWrite(UserKey("u2"), UserDocument("BJENSEN"), NextInstant(), [], entry), Ct));
        await ScimErrorAsync(() => Store.UpdateAsync(new ResourceUpdate(UserKey("u1"), UserDocument("x"), null, NextInstant(), entry), 7, Ct));
        await ScimErrorAsync(() => SoftDeleteAsync(UserKey("u1"), expectedVersion: 7, audit: entry));
        await ScimErrorAsync(() => RestoreAsync(UserKey("u1"), entry));

        Assert.Empty(await AuditOfAsync(UserKey("u2")));
        Assert.Single(await AuditOfAsync(UserKey("u1")));
    }

    [Fact]
    public async Task Audit_WritesWithoutAnEntry_RecordNothing()
    {
        await CreateUserAsync("u1", "bjensen");
        await Store.DeleteAsync(UserKey("u1"), null, Ct);

        var all = await AuditTrail.QueryAuditAsync(new AuditQuery(null, null, null, null, null, new PageRequest(1, 10)), Ct);

        Assert.Equal(0, all.TotalResults);
    }

    [Fact]
    public async Task Audit_Query_FiltersByTenantTypeResourceAndTime_AndPages()
    {
        var start = Clock.GetUtcNow();
        foreach (var (key, document) in new[]
        {
            (UserKey("u1"), UserDocument("bjensen")),
            (UserKey("u2"), UserDocument("jsmith")),
            (GroupKey("g1"), GroupDocument("Admins")),
            (UserKey("u1", OtherTenant), UserDocument("bjensen")),
        })
        {
            await Store.CreateAsync(new ResourceWrite(key, document, NextInstant(), [], Entry(AuditOperation.Create)), Ct);
            Clock.Advance(TimeSpan.FromMinutes(1));
        }

        async Task<string[]> IdsAsync(string? tenant, string? type, string? id, DateTimeOffset? from, DateTimeOffset? to, PageRequest? page = null)
        {
            var result = await AuditTrail.QueryAuditAsync(new AuditQuery(tenant, type, id, from, to, page ?? new PageRequest(1, 10)), Ct);
            return [.. result.Records.Select(r => $"{r.Tenant}/{r.ResourceId}")];
        }

        Assert.Equal(["tenant-a/g1", "tenant-a/u2", "tenant-a/u1"], await IdsAsync(Tenant, null, null, null, null));
        Assert.Equal(["tenant-a/u2", "tenant-a/u1"], await IdsAsync(Tenant, "User", null, null, null));
        Assert.Equal(["tenant-b/u1", "tenant-a/u1"], await IdsAsync(null, null, "u1", null, null));
        Assert.Equal(["tenant-a/g1", "tenant-a/u2"], await IdsAsync(null, null, null, start.AddMinutes(1), start.AddMinutes(3)));
        Assert.Equal(["tenant-a/u2"], await IdsAsync(null, null, null, null, null, new PageRequest(3, 1)));
        var total = await AuditTrail.QueryAuditAsync(new AuditQuery(null, null, null, null, null, new PageRequest(1, 0)), Ct);
        Assert.Equal((4L, 0), (total.TotalResults, total.Records.Count));
    }

    [Fact]
    public async Task Audit_Values_WhenGiven_AreStoredAsGivenWithExtensionNames()
    {
        const string manager = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager";
        var values = new JsonObject { ["title"] = "Tour Guide", [manager] = new JsonObject { ["value"] = "boss" }, ["nickName"] = null };
        var entry = Entry(AuditOperation.Create, "title", manager, "nickName") with { Values = values };

        await Store.CreateAsync(new ResourceWrite(UserKey("u1"), UserDocument("bjensen"), NextInstant(), [], entry), Ct);

        var record = Assert.Single(await AuditOfAsync(UserKey("u1")));
        Assert.Equal(["title", manager, "nickName"], record.ChangedAttributes);
        Assert.True(JsonNode.DeepEquals(values, record.Values), record.Values?.ToJsonString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Purge_OfATombstone_ErasesTheValuesOfItsAuditRecordsOnlyWhenAsked(bool erase)
    {
        var values = new JsonObject { ["title"] = "Tour Guide" };
        var entry = Entry(AuditOperation.Create, "title") with { Values = values };
        await Store.CreateAsync(new ResourceWrite(UserKey("u1"), UserDocument("bjensen"), NextInstant(), [], entry), Ct);
        await Store.CreateAsync(new ResourceWrite(UserKey("u2"), UserDocument("jsmith"), NextInstant(), [], entry), Ct);
        await SoftDeleteAsync(UserKey("u1"), audit: Entry(AuditOperation.Delete));

        Clock.Advance(Retention + TimeSpan.FromDays(1));
        await PurgeExpiredAsync(eraseAuditValues: erase);

        var purged = await AuditOfAsync(UserKey("u1"));
        Assert.Equal([AuditOperation.Delete, AuditOperation.Create], purged.Select(r => r.Operation));
        Assert.Equal(erase, purged[1].Values is null);
        Assert.Equal(["title"], purged[1].ChangedAttributes);
        Assert.NotNull(Assert.Single(await AuditOfAsync(UserKey("u2"))).Values);
    }

    [Fact]
    public async Task Purge_DeletesAuditRecordsOlderThanTheirRetention()
    {
        await Store.CreateAsync(new ResourceWrite(UserKey("u1"), UserDocument("bjensen"), NextInstant(), [], Entry(AuditOperation.Create)), Ct);
        Clock.Advance(TimeSpan.FromDays(200));
        await Store.UpdateAsync(new ResourceUpdate(UserKey("u1"), UserDocument("bjensen", "B"), null, NextInstant(), Entry(AuditOperation.Replace)), 1, Ct);

        Clock.Advance(TimeSpan.FromDays(200));
        var purged = await PurgeExpiredAsync(auditRetention: TimeSpan.FromDays(365));

        Assert.Equal(1, purged.AuditRecords);
        Assert.Equal([AuditOperation.Replace], (await AuditOfAsync(UserKey("u1"))).Select(r => r.Operation));
    }
}
