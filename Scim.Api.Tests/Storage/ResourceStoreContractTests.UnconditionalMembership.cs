using Scim.Api.Core.Errors;
using Scim.Api.Core.Storage;

namespace Scim.Api.Tests.Storage;

/// <summary>
/// An update with no expected version: allowed for a membership change only, which applies whatever the version is
/// now, still bumps it by one and is audited with the version it replaced.
/// </summary>
public abstract partial class ResourceStoreContractTests
{
    protected Task<StoredResource> ChangeMembersWithoutVersionAsync(ResourceKey group, MembershipDelta delta, AuditEntry? audit = null) =>
        Store.UpdateAsync(new ResourceUpdate(group, null, delta, NextInstant(), audit), null, Ct);

    [Fact]
    public async Task Update_MembersWithoutAVersion_ApplyAfterTheVersionMovedAndBumpItByOne()
    {
        await CreateGroupAsync("g1", "Admins", [Member("u1")]);
        var readByTheCaller = await GetAsync(GroupKey("g1"), ReadOptions.DocumentOnly);
        await ChangeMembersAsync(GroupKey("g1"), readByTheCaller.Version, Add("u2"));
        await Store.UpdateAsync(new ResourceUpdate(GroupKey("g1"), GroupDocument("Administrators"), null, NextInstant()), 2, Ct);

        var updated = await ChangeMembersWithoutVersionAsync(GroupKey("g1"), Add("u3"));

        var group = await GetAsync(GroupKey("g1"));
        Assert.Equal(4, updated.Version);
        Assert.Equal(4, group.Version);
        Assert.Equal(["u1", "u2", "u3"], MemberIds(group));
    }

    [Fact]
    public async Task Update_MembersWithoutAVersion_KeepTheDocumentAndSetLastModified()
    {
        var created = await CreateGroupAsync("g1", "Admins");
        var modified = T0.AddDays(3);

        var updated = await Store.UpdateAsync(new ResourceUpdate(GroupKey("g1"), null, Add("u1"), modified), null, Ct);

        var group = await GetAsync(GroupKey("g1"), ReadOptions.DocumentOnly);
        Assert.Equal("Admins", (string?)group.Document["displayName"]);
        Assert.Equal(created.Document.ToJsonString(), group.Document.ToJsonString());
        Assert.Equal(created.Document.ToJsonString(), updated.Document.ToJsonString());
        Assert.Equal((modified, modified), (updated.LastModified, group.LastModified));
        Assert.Equal(created.Created, group.Created);
    }

    [Fact]
    public async Task Update_ParallelMembershipChangesWithoutAVersion_AllLandWithoutAConflict()
    {
        await CreateGroupAsync("g1", "Admins");

        var versions = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(
            async () => (await ChangeMembersWithoutVersionAsync(GroupKey("g1"), Add($"m{i}"))).Version, Ct)));

        var group = await GetAsync(GroupKey("g1"));
        Assert.Equal(Enumerable.Range(2, 30).Select(version => (long)version), versions.Order());
        Assert.Equal(31, group.Version);
        Assert.Equal(30, MemberIds(group).Length);
    }

    [Fact]
    public async Task Update_MembersWithoutAVersion_OfAMissingGroup_IsNotFoundAndNotAudited()
    {
        var error = await ScimErrorAsync(() => ChangeMembersWithoutVersionAsync(GroupKey("ghost"), Add("u1"), Entry(AuditOperation.Patch, "members")));

        Assert.Equal(404, error.Status);
        Assert.Empty(await AuditOfAsync(GroupKey("ghost")));
    }

    [Fact]
    public async Task Update_MembersWithoutAVersion_OfADeletedGroup_IsNotFoundAndLeavesTheTombstoneAlone()
    {
        await CreateGroupAsync("g1", "Admins", [Member("u1")]);
        await SoftDeleteAsync(GroupKey("g1"));

        var error = await ScimErrorAsync(() => ChangeMembersWithoutVersionAsync(GroupKey("g1"), Add("u2")));
        var restored = await RestoreAsync(GroupKey("g1"));

        Assert.Equal(404, error.Status);
        Assert.Equal(2, restored.Version);
        Assert.Equal(["u1"], MemberIds(await GetAsync(GroupKey("g1"))));
    }

    [Fact]
    public async Task Update_MembersWithoutAVersion_InAnotherTenant_IsNotFoundAndChangesNothing()
    {
        await CreateGroupAsync("g1", "Admins");

        var error = await ScimErrorAsync(() => ChangeMembersWithoutVersionAsync(GroupKey("g1", OtherTenant), Add("u1")));

        var group = await GetAsync(GroupKey("g1"));
        Assert.Equal(404, error.Status);
        Assert.Equal(1, group.Version);
        Assert.Empty(MemberIds(group));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Update_ADocumentWithoutAVersion_IsRefusedAndChangesNothing(bool withMembers)
    {
        await CreateGroupAsync("g1", "Admins");
        var update = new ResourceUpdate(GroupKey("g1"), GroupDocument("Renamed"), withMembers ? Add("u1") : null, NextInstant());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Store.UpdateAsync(update, null, Ct));

        var group = await GetAsync(GroupKey("g1"));
        Assert.Equal("expectedVersion", error.ParamName);
        Assert.Equal((1L, "Admins"), (group.Version, (string?)group.Document["displayName"]));
        Assert.Empty(MemberIds(group));
    }

    [Fact]
    public async Task Audit_OfAMembershipChangeWithoutAVersion_NamesTheVersionItReplaced()
    {
        await CreateGroupAsync("g1", "Admins");
        await Store.UpdateAsync(new ResourceUpdate(GroupKey("g1"), GroupDocument("Administrators"), null, NextInstant()), 1, Ct);

        await ChangeMembersWithoutVersionAsync(GroupKey("g1"), Add("u1"), Entry(AuditOperation.Patch, "members"));

        var record = Assert.Single(await AuditOfAsync(GroupKey("g1")));
        Assert.Equal(["members"], record.ChangedAttributes);
        Assert.Equal((2L, 3L), (record.VersionBefore, record.VersionAfter));
    }
}
