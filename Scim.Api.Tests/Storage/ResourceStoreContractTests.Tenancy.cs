using Scim.Api.Core.Storage;
using static Scim.Api.Tests.Storage.FilterBuilder;

namespace Scim.Api.Tests.Storage;

public abstract partial class ResourceStoreContractTests
{
    [Fact]
    public async Task Create_TheSameUserNameInTwoTenants_BothSucceed()
    {
        await CreateUserAsync("u1", "bjensen");

        var other = await CreateUserAsync("u2", "BJENSEN", tenant: OtherTenant);

        Assert.Equal(1, other.Version);
    }

    [Fact]
    public async Task Create_TheSameIdInTwoTenants_BothSucceed()
    {
        await CreateUserAsync("u1", "bjensen");

        await CreateUserAsync("u1", "someone", tenant: OtherTenant);

        Assert.Equal("bjensen", (string?)(await GetAsync(UserKey("u1"))).Document["userName"]);
        Assert.Equal("someone", (string?)(await GetAsync(UserKey("u1", OtherTenant))).Document["userName"]);
    }

    [Fact]
    public async Task Resources_OfAnotherTenant_CannotBeReadChangedOrDeleted()
    {
        await CreateUserAsync("u1", "bjensen");

        var read = await Store.GetAsync(UserKey("u1", OtherTenant), ReadOptions.Everything, Ct);
        var update = await ScimErrorAsync(() =>
            Store.UpdateAsync(new ResourceUpdate(UserKey("u1", OtherTenant), UserDocument("taken"), null, NextInstant()), 1, Ct));
        var delete = await ScimErrorAsync(() => Store.DeleteAsync(UserKey("u1", OtherTenant), null, Ct));

        Assert.Null(read);
        Assert.Equal(404, update.Status);
        Assert.Equal(404, delete.Status);
        Assert.Equal(1, (await GetAsync(UserKey("u1"))).Version);
    }

    [Fact]
    public async Task Query_SeesOnlyItsOwnTenant()
    {
        await CreateUserAsync("u1", "bjensen");
        await CreateUserAsync("u2", "jsmith");
        await CreateUserAsync("u3", "bjensen", tenant: OtherTenant);

        var mine = await QueryIdsAsync(UserType, null);
        var theirs = await QueryIdsAsync(UserType, Eq("userName", "bjensen"), tenant: OtherTenant);
        var nobody = await QueryIdsAsync(UserType, null, tenant: "tenant-without-data");

        Assert.Equal(["u1", "u2"], mine);
        Assert.Equal(["u3"], theirs);
        Assert.Empty(nobody);
    }

    [Fact]
    public async Task Membership_NamingAUserOfAnotherTenant_TreatsItAsUnknown()
    {
        await CreateUserAsync("u1", "bjensen", "Barbara");
        await CreateGroupAsync("g1", "Admins", [Member("u1")], tenant: OtherTenant);

        var group = await GetAsync(GroupKey("g1", OtherTenant));
        var user = await GetAsync(UserKey("u1"));

        var member = group.Document["members"]![0]!.AsObject();
        Assert.Equal("u1", (string?)member["value"]);
        Assert.False(member.ContainsKey("display"));
        Assert.False(member.ContainsKey("type"));
        Assert.False(user.Document.ContainsKey("groups"));
        Assert.Empty(await QueryIdsAsync(GroupType, Eq("members.display", "Barbara"), tenant: OtherTenant));
    }

    [Fact]
    public async Task Membership_NamingAUserOfAnotherTenant_WhenUnknownAreRejected_IsInvalid()
    {
        Store = await CreateStoreRejectingUnknownMembersAsync();
        await CreateUserAsync("u1", "bjensen");
        await CreateGroupAsync("g1", "Admins", tenant: OtherTenant);

        var error = await ScimErrorAsync(() => ChangeMembersAsync(GroupKey("g1", OtherTenant), 1, Add("u1")));

        Assert.Equal(400, error.Status);
    }

    [Fact]
    public async Task Delete_InOneTenant_LeavesTheOtherTenantsMembershipsAlone()
    {
        await CreateUserAsync("u1", "bjensen");
        await CreateUserAsync("u1", "bjensen", tenant: OtherTenant);
        await CreateGroupAsync("g1", "Admins", [Member("u1")]);
        await CreateGroupAsync("g1", "Admins", [Member("u1")], tenant: OtherTenant);

        await Store.DeleteAsync(UserKey("u1"), null, Ct);

        Assert.Empty(MemberIds(await GetAsync(GroupKey("g1"))));
        Assert.Equal(["u1"], MemberIds(await GetAsync(GroupKey("g1", OtherTenant))));
        Assert.Equal(1, (await GetAsync(GroupKey("g1", OtherTenant))).Version);
    }
}
