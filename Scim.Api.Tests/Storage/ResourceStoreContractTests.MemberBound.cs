using Scim.Api.Core.Errors;
using Scim.Api.Core.Storage;

namespace Scim.Api.Tests.Storage;

/// <summary>A read never brings more members than <see cref="ReadOptions.MaxMembers"/>, in all the groups it reads.</summary>
public abstract partial class ResourceStoreContractTests
{
    [Fact]
    public async Task Get_AGroupWithMembersUpToTheBound_ReadsThemAll_AndOneMoreIsTooMany()
    {
        await CreateGroupAsync("g4", "Four", [.. Enumerable.Range(0, 4).Select(i => Member($"u{i}"))]);
        await CreateGroupAsync("g5", "Five", [.. Enumerable.Range(0, 5).Select(i => Member($"u{i}"))]);
        var bounded = new ReadOptions(true, false) { MaxMembers = 4 };

        var four = await Store.GetAsync(GroupKey("g4"), bounded, Ct);
        var error = await ScimErrorAsync(() => Store.GetAsync(GroupKey("g5"), bounded, Ct));

        Assert.Equal(4, four!.Document["members"]!.AsArray().Count);
        Assert.Equal((400, ScimErrorType.TooMany), (error.Status, error.ScimType));
        Assert.Contains("excludedAttributes=members", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_APageWhoseGroupsHaveMoreMembersInAllThanTheBound_IsTooMany()
    {
        await CreateGroupAsync("g1", "One", [Member("u1"), Member("u2"), Member("u3")]);
        await CreateGroupAsync("g2", "Two", [Member("u4"), Member("u5"), Member("u6")]);

        var error = await ScimErrorAsync(() => Store.QueryAsync(
            new ResourceQuery(Tenant, GroupType, null, null, new(1, 10), new ReadOptions(true, false) { MaxMembers = 5 }), Ct));
        var firstOnly = await Store.QueryAsync(
            new ResourceQuery(Tenant, GroupType, null, null, new(1, 1), new ReadOptions(true, false) { MaxMembers = 5 }), Ct);
        var withoutMembers = await Store.QueryAsync(
            new ResourceQuery(Tenant, GroupType, null, null, new(1, 10), ReadOptions.DocumentOnly with { MaxMembers = 5 }), Ct);

        Assert.Equal(ScimErrorType.TooMany, error.ScimType);
        Assert.Equal(3, Assert.Single(firstOnly.Resources).Document["members"]!.AsArray().Count);
        Assert.Equal(2, withoutMembers.Resources.Count);
    }
}
