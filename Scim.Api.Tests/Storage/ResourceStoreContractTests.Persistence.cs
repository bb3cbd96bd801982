using Scim.Api.Core.Storage;
using static Scim.Api.Tests.Storage.FilterBuilder;

namespace Scim.Api.Tests.Storage;

public abstract partial class ResourceStoreContractTests
{
    [Fact]
    public async Task Reopen_KeepsEverythingThatWasAcknowledged()
    {
        await CreateUserAsync("u1", "bjensen", "Barbara");
        await CreateUserAsync("u2", "jsmith");
        await CreateGroupAsync("g1", "Admins", [Member("u1", display: "Babs")]);
        await ChangeMembersAsync(GroupKey("g1"), 1, Add("u2"));
        await Store.UpdateAsync(new ResourceUpdate(UserKey("u2"), UserDocument("jsmith", "John"), null, T0.AddDays(1)), 1, Ct);
        await Store.DeleteAsync(UserKey("u1"), null, Ct);

        Store = await ReopenAsync(Store);

        var group = await GetAsync(GroupKey("g1"));
        var user = await GetAsync(UserKey("u2"));
        Assert.Null(await Store.GetAsync(UserKey("u1"), ReadOptions.Everything, Ct));
        Assert.Equal(["u2"], MemberIds(group));
        Assert.Equal(3, group.Version);
        Assert.Equal(2, user.Version);
        Assert.Equal(T0.AddDays(1), user.LastModified);
        Assert.Equal(["g1"], MemberIds(user, "groups"));
        Assert.Equal(["u2"], await QueryIdsAsync(UserType, Eq("displayName", "JOHN")));
    }

    [Fact]
    public async Task Reopen_KeepsUniquenessEnforced()
    {
        await CreateUserAsync("u1", "bjensen");

        Store = await ReopenAsync(Store);
        var error = await ScimErrorAsync(() => CreateUserAsync("u2", "BJensen"));

        Assert.Equal(409, error.Status);
    }
}
