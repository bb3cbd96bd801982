using System.Text.Json.Nodes;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Paging;
using Scim.Api.Core.Storage;
using static Scim.Api.Tests.Storage.FilterBuilder;

namespace Scim.Api.Tests.Storage;

public abstract partial class ResourceStoreContractTests
{
    [Fact]
    public async Task Get_WithMembers_ListsEachMemberWithItsCurrentDisplayNameAndType()
    {
        await CreateUserAsync("u1", "bjensen", "Barbara Jensen");
        await CreateUserAsync("u2", "jsmith");
        await CreateGroupAsync("g1", "Admins", [Member("u1"), Member("u2")]);

        var group = await GetAsync(GroupKey("g1"));

        var expected = new JsonArray(
            new JsonObject { ["value"] = "u1", ["display"] = "Barbara Jensen", ["type"] = "User", ["$ref"] = "User/u1" },
            new JsonObject { ["value"] = "u2", ["display"] = "jsmith", ["type"] = "User", ["$ref"] = "User/u2" });
        Assert.True(JsonNode.DeepEquals(expected, group.Document["members"]), group.Document.ToJsonString());
    }

    [Fact]
    public async Task Get_WithMembers_NamesTheTypeOfEachExistingMemberInItsReference_AndGivesNoneForAnUnknownOne()
    {
        await CreateUserAsync("u1", "bjensen");
        await CreateGroupAsync("g1", "Admins");
        await CreateGroupAsync("g2", "Staff", [Member("u1", type: "Group"), Member("g1"), Member("ghost", type: "User")]);

        var members = (JsonArray)(await GetAsync(GroupKey("g2"))).Document["members"]!;

        var references = members.ToDictionary(m => (string)m!["value"]!, m => (string?)m!["$ref"]);
        Assert.Equal("User/u1", references["u1"]);
        Assert.Equal("Group/g1", references["g1"]);
        Assert.Null(references["ghost"]);
    }

    [Fact]
    public async Task Get_WithMembers_PrefersTheDisplayTheClientSent()
    {
        await CreateUserAsync("u1", "bjensen", "Barbara Jensen");
        await CreateGroupAsync("g1", "Admins", [Member("u1", display: "Babs")]);

        var group = await GetAsync(GroupKey("g1"));

        Assert.Equal("Babs", (string?)group.Document["members"]![0]!["display"]);
    }

    [Fact]
    public async Task Get_WithMembers_ShowsTheMembersDisplayNameAsItIsNow()
    {
        await CreateUserAsync("u1", "bjensen", "Barbara Jensen");
        await CreateGroupAsync("g1", "Admins", [Member("u1")]);
        await Store.UpdateAsync(new ResourceUpdate(UserKey("u1"), UserDocument("bjensen", "Barbara Smith"), null, NextInstant()), 1, Ct);

        var group = await GetAsync(GroupKey("g1"));

        Assert.Equal("Barbara Smith", (string?)group.Document["members"]![0]!["display"]);
    }

    [Fact]
    public async Task Get_WithMembers_TakesTheTypeOfTheExistingResourceOverTheClientsType()
    {
        await CreateGroupAsync("g0", "Inner");
        await CreateGroupAsync("g1", "Outer", [Member("g0", type: "User"), Member("ghost", type: "User"), Member("nobody")]);

        var members = (await GetAsync(GroupKey("g1"))).Document["members"]!.AsArray();

        var byId = members.ToDictionary(m => (string)m!["value"]!, m => m!.AsObject());
        Assert.Equal("Group", (string?)byId["g0"]["type"]);
        Assert.Equal("Inner", (string?)byId["g0"]["display"]);
        Assert.Equal("User", (string?)byId["ghost"]["type"]);
        Assert.False(byId["nobody"].ContainsKey("type"));
        Assert.False(byId["nobody"].ContainsKey("display"));
    }

    [Fact]
    public async Task Get_WithoutMembersOrGroups_LeavesThemOut()
    {
        await CreateUserAsync("u1", "bjensen");
        await CreateGroupAsync("g1", "Admins", [Member("u1")]);

        var group = await GetAsync(GroupKey("g1"), ReadOptions.DocumentOnly);
        var user = await GetAsync(UserKey("u1"), ReadOptions.DocumentOnly);

        Assert.False(group.Document.ContainsKey("members"));
        Assert.False(user.Document.ContainsKey("groups"));
    }

    [Fact]
    public async Task Get_AGroupWithoutMembers_HasNoMembersAttribute()
    {
        await CreateGroupAsync("g1", "Empty");

        var group = await GetAsync(GroupKey("g1"));

        Assert.False(group.Document.ContainsKey("members"));
    }

    [Fact]
    public async Task Get_WithGroups_ListsTheUsersDirectGroups()
    {
        await CreateUserAsync("u1", "bjensen");
        await CreateGroupAsync("g1", "Admins", [Member("u1")]);
        await CreateGroupAsync("g2", "Staff", [Member("u1"), Member("g1")]);
        await CreateGroupAsync("g3", "Others");

        var user = await GetAsync(UserKey("u1"));

        var expected = new JsonArray(
            new JsonObject { ["value"] = "g1", ["display"] = "Admins", ["type"] = "direct", ["$ref"] = "Group/g1" },
            new JsonObject { ["value"] = "g2", ["display"] = "Staff", ["type"] = "direct", ["$ref"] = "Group/g2" });
        Assert.True(JsonNode.DeepEquals(expected, user.Document["groups"]), user.Document.ToJsonString());
    }

    [Fact]
    public async Task Get_WithGroups_AUserInNoGroup_HasNoGroupsAttribute()
    {
        await CreateUserAsync("u1", "bjensen");
        await CreateGroupAsync("g1", "Admins", [Member("u2")]);

        var user = await GetAsync(UserKey("u1"));

        Assert.False(user.Document.ContainsKey("groups"), user.Document.ToJsonString());
        Assert.Equal("bjensen", (string?)user.Document["userName"]);
    }

    [Fact]
    public async Task Get_WithGroups_AnUnknownUser_IsNull()
    {
        await CreateGroupAsync("g1", "Admins", [Member("ghost")]);

        Assert.Null(await Store.GetAsync(UserKey("ghost"), ReadOptions.Everything, Ct));
    }

    [Fact]
    public async Task Update_AddingAPresentMemberAgain_ChangesNothingButTheVersion()
    {
        await CreateGroupAsync("g1", "Admins", [Member("u1", display: "first")]);

        var updated = await Store.UpdateAsync(
            new ResourceUpdate(GroupKey("g1"), null, new MembershipDelta(false, [], [Member("u1", display: "second")]), NextInstant()), 1, Ct);

        var group = await GetAsync(GroupKey("g1"));
        Assert.Equal(2, updated.Version);
        Assert.Equal(["u1"], MemberIds(group));
        Assert.Equal("first", (string?)group.Document["members"]![0]!["display"]);
    }

    [Fact]
    public async Task Update_RemovingAnAbsentMember_Succeeds()
    {
        await CreateGroupAsync("g1", "Admins", [Member("u1")]);

        var updated = await ChangeMembersAsync(GroupKey("g1"), 1, Remove("u2"));

        Assert.Equal(2, updated.Version);
        Assert.Equal(["u1"], MemberIds(await GetAsync(GroupKey("g1"))));
    }

    [Fact]
    public async Task Update_RemovingMembers_RemovesExactlyThose()
    {
        await CreateGroupAsync("g1", "Admins", [Member("u1"), Member("u2"), Member("u3")]);

        await ChangeMembersAsync(GroupKey("g1"), 1, Remove("u1", "u3"));

        Assert.Equal(["u2"], MemberIds(await GetAsync(GroupKey("g1"))));
    }

    [Fact]
    public async Task Update_RemoveAll_EmptiesTheGroup()
    {
        await CreateGroupAsync("g1", "Admins", [Member("u1"), Member("u2")]);

        await ChangeMembersAsync(GroupKey("g1"), 1, new MembershipDelta(true, [], []));

        Assert.Empty(MemberIds(await GetAsync(GroupKey("g1"))));
    }

    [Fact]
    public async Task Update_RemoveAllThenAdd_ReplacesTheMembers()
    {
        await CreateGroupAsync("g1", "Admins", [Member("u1"), Member("u2")]);

        await ChangeMembersAsync(GroupKey("g1"), 1, new MembershipDelta(true, [], [Member("u2"), Member("u3")]));

        Assert.Equal(["u2", "u3"], MemberIds(await GetAsync(GroupKey("g1"))));
    }

    [Fact]
    public async Task Update_WithADocumentAndMembers_ChangesBothInOneVersion()
    {
        await CreateGroupAsync("g1", "Admins");

        var updated = await Store.UpdateAsync(
            new ResourceUpdate(GroupKey("g1"), GroupDocument("Administrators"), Add("u1"), NextInstant()), 1, Ct);

        var group = await GetAsync(GroupKey("g1"));
        Assert.Equal(2, updated.Version);
        Assert.Equal("Administrators", (string?)group.Document["displayName"]);
        Assert.Equal(["u1"], MemberIds(group));
    }

    [Fact]
    public async Task Update_AddingAThousandMembersAtOnce_StoresThemAll()
    {
        await CreateGroupAsync("g1", "Everyone");
        var ids = Enumerable.Range(0, 1000).Select(i => $"member-{i:D4}").ToArray();

        await ChangeMembersAsync(GroupKey("g1"), 1, Add(ids));
        await ChangeMembersAsync(GroupKey("g1"), 2, Remove("member-0000"));

        var group = await GetAsync(GroupKey("g1"));
        Assert.Equal(3, group.Version);
        Assert.Equal(ids.Skip(1), MemberIds(group));
    }

    [Fact]
    public async Task Update_MembersWithAStaleVersion_IsPreconditionFailedAndAddsNone()
    {
        await CreateGroupAsync("g1", "Admins");
        await ChangeMembersAsync(GroupKey("g1"), 1, Add("u1"));

        var error = await ScimErrorAsync(() => ChangeMembersAsync(GroupKey("g1"), 1, Add("u2")));

        Assert.Equal(412, error.Status);
        Assert.Equal(["u1"], MemberIds(await GetAsync(GroupKey("g1"))));
    }

    [Fact]
    public async Task Update_NamingAnUnknownMember_IsAcceptedByDefault()
    {
        await CreateGroupAsync("g1", "Admins");

        await ChangeMembersAsync(GroupKey("g1"), 1, Add("not-yet-provisioned"));

        Assert.Equal(["not-yet-provisioned"], MemberIds(await GetAsync(GroupKey("g1"))));
    }

    [Fact]
    public async Task Update_NamingAnUnknownMember_WhenRejected_FailsTheWholeUpdate()
    {
        Store = await CreateStoreRejectingUnknownMembersAsync();
        await CreateUserAsync("u1", "bjensen");
        await CreateUserAsync("u2", "jsmith");
        await CreateGroupAsync("g1", "Admins", [Member("u1")]);

        var error = await ScimErrorAsync(() => Store.UpdateAsync(
            new ResourceUpdate(GroupKey("g1"), GroupDocument("Renamed"), new MembershipDelta(true, [], [Member("u2"), Member("ghost")]), NextInstant()),
            1,
            Ct));

        Assert.Equal(400, error.Status);
        Assert.Equal(ScimErrorType.InvalidValue, error.ScimType);
        Assert.Contains("'ghost'", error.Detail, StringComparison.Ordinal);
        var group = await GetAsync(GroupKey("g1"));
        Assert.Equal(1, group.Version);
        Assert.Equal("Admins", (string?)group.Document["displayName"]);
        Assert.Equal(["u1"], MemberIds(group));
    }

    [Fact]
    public async Task Create_WithAnUnknownMember_WhenRejected_CreatesNothing()
    {
        Store = await CreateStoreRejectingUnknownMembersAsync();

        var error = await ScimErrorAsync(() => CreateGroupAsync("g1", "Admins", [Member("ghost")]));

        Assert.Equal(ScimErrorType.InvalidValue, error.ScimType);
        Assert.Null(await Store.GetAsync(GroupKey("g1"), ReadOptions.Everything, Ct));
    }

    [Fact]
    public async Task Create_WithAKnownMember_WhenUnknownAreRejected_Succeeds()
    {
        Store = await CreateStoreRejectingUnknownMembersAsync();
        await CreateUserAsync("u1", "bjensen");

        await CreateGroupAsync("g1", "Admins", [Member("u1")]);

        Assert.Equal(["u1"], MemberIds(await GetAsync(GroupKey("g1"))));
    }

    [Fact]
    public async Task Groups_CanContainGroups_AndEachLevelListsOnlyItsDirectMembers()
    {
        await CreateUserAsync("u1", "bjensen");
        await CreateGroupAsync("inner", "Inner", [Member("u1")]);
        await CreateGroupAsync("outer", "Outer", [Member("inner")]);

        var outer = await GetAsync(GroupKey("outer"));
        var user = await GetAsync(UserKey("u1"));

        Assert.Equal(["inner"], MemberIds(outer));
        Assert.Equal("Group", (string?)outer.Document["members"]![0]!["type"]);
        Assert.Equal(["inner"], MemberIds(user, "groups"));
    }

    [Fact]
    public async Task Delete_OfAMember_RemovesItFromItsGroupsAndBumpsTheirVersions()
    {
        await CreateUserAsync("u1", "bjensen");
        await CreateUserAsync("u2", "jsmith");
        await CreateGroupAsync("g1", "Admins", [Member("u1"), Member("u2")]);
        await CreateGroupAsync("g2", "Staff", [Member("u2")]);

        await Store.DeleteAsync(UserKey("u1"), null, Ct);

        var admins = await GetAsync(GroupKey("g1"));
        var staff = await GetAsync(GroupKey("g2"));
        Assert.Equal(["u2"], MemberIds(admins));
        Assert.Equal(2, admins.Version);
        Assert.Equal(1, staff.Version);
    }

    [Fact]
    public async Task Delete_OfAGroup_RemovesItsMembershipsBothWays()
    {
        await CreateUserAsync("u1", "bjensen");
        await CreateGroupAsync("g1", "Admins", [Member("u1")]);
        await CreateGroupAsync("g2", "Staff", [Member("g1")]);

        await Store.DeleteAsync(GroupKey("g1"), null, Ct);
        await CreateGroupAsync("g1", "Admins again");

        Assert.Empty(MemberIds(await GetAsync(UserKey("u1")), "groups"));
        Assert.Empty(MemberIds(await GetAsync(GroupKey("g2"))));
        Assert.Empty(MemberIds(await GetAsync(GroupKey("g1"))));
    }

    [Fact]
    public async Task Query_WithMembersAndGroups_FillsThemForEveryResourceOfThePage()
    {
        await CreateUserAsync("u1", "bjensen");
        await CreateUserAsync("u2", "jsmith");
        await CreateGroupAsync("g1", "Admins", [Member("u1")]);
        await CreateGroupAsync("g2", "Staff", [Member("u1"), Member("u2")]);

        var groups = await Store.QueryAsync(new ResourceQuery(Tenant, GroupType, null, null, new(1, 10), ReadOptions.Everything), Ct);
        var users = await Store.QueryAsync(new ResourceQuery(Tenant, UserType, null, null, new(1, 10), ReadOptions.Everything), Ct);

        Assert.Equal([["u1"], ["u1", "u2"]], groups.Resources.Select(g => MemberIds(g)));
        Assert.Equal([["g1", "g2"], ["g2"]], users.Resources.Select(u => MemberIds(u, "groups")));
    }

    [Fact]
    public async Task Query_WithGroups_GivesEachUserItsOwnGroupsWithDisplay_ByIndexAndByKeyset()
    {
        await CreateUserAsync("u1", "bjensen");
        await CreateUserAsync("u2", "jsmith");
        await CreateUserAsync("u3", "loner");
        await CreateGroupAsync("g2", "Staff", [Member("u1"), Member("u2")]);
        await CreateGroupAsync("g1", "Admins", [Member("u1")]);

        var byIndex = await Store.QueryAsync(new ResourceQuery(Tenant, UserType, null, null, new(1, 10), ReadOptions.Everything), Ct);
        var byKeyset = await Store.QueryAsync(
            new ResourceQuery(Tenant, UserType, null, null, new(1, 10), ReadOptions.Everything) { Keyset = KeysetPage.First }, Ct);

        foreach (var page in new[] { byIndex, byKeyset })
        {
            Assert.Equal(["u1", "u2", "u3"], page.Resources.Select(u => u.Id));
            Assert.Equal(
                """[{"value":"g1","display":"Admins","type":"direct","$ref":"Group/g1"},{"value":"g2","display":"Staff","type":"direct","$ref":"Group/g2"}]""",
                page.Resources[0].Document["groups"]!.ToJsonString());
            Assert.Equal(["g2"], MemberIds(page.Resources[1], "groups"));
            Assert.False(page.Resources[2].Document.ContainsKey("groups"));
        }
    }

    [Fact]
    public async Task FilteredQuery_WithGroups_GivesEachMatchItsGroups_InSortOrder_WithTheTotalOnEveryPage()
    {
        await CreateUserAsync("u1", "carol");
        await CreateUserAsync("u2", "alice");
        await CreateUserAsync("u3", "bob");
        await CreateUserAsync("u4", "zed");
        await CreateGroupAsync("g1", "Admins", [Member("u1"), Member("u2")]);
        await CreateGroupAsync("g2", "Staff", [Member("u2")]);
        var filter = Ne("userName", "zed");
        var sort = new SortSpec(Path("userName"), true);

        var first = await Store.QueryAsync(new ResourceQuery(Tenant, UserType, filter, sort, new(1, 2), ReadOptions.Everything), Ct);
        var second = await Store.QueryAsync(new ResourceQuery(Tenant, UserType, filter, sort, new(3, 2), ReadOptions.Everything), Ct);
        var past = await Store.QueryAsync(new ResourceQuery(Tenant, UserType, filter, sort, new(9, 2), ReadOptions.Everything), Ct);

        Assert.Equal(["u1", "u3"], first.Resources.Select(u => u.Id));
        Assert.Equal(["u2"], second.Resources.Select(u => u.Id));
        Assert.Equal([3L, 3L, 3L], new[] { first.TotalResults, second.TotalResults, past.TotalResults });
        Assert.Empty(past.Resources);
        Assert.Equal(["g1"], MemberIds(first.Resources[0], "groups"));
        Assert.False(first.Resources[1].Document.ContainsKey("groups"));
        Assert.Equal(
            """[{"value":"g1","display":"Admins","type":"direct","$ref":"Group/g1"},{"value":"g2","display":"Staff","type":"direct","$ref":"Group/g2"}]""",
            second.Resources[0].Document["groups"]!.ToJsonString());
    }

    [Fact]
    public async Task FilteredQuery_OfGroups_ReadsMembersOnlyWhenAsked()
    {
        await CreateUserAsync("u1", "bjensen");
        await CreateGroupAsync("g1", "Admins", [Member("u1")]);
        await CreateGroupAsync("g2", "Staff", []);
        var filter = Eq("displayName", "Admins");

        var withMembers = await Store.QueryAsync(new ResourceQuery(Tenant, GroupType, filter, null, new(1, 10), ReadOptions.Everything), Ct);
        var withoutMembers = await Store.QueryAsync(new ResourceQuery(Tenant, GroupType, filter, null, new(1, 10), ReadOptions.DocumentOnly), Ct);

        Assert.Equal(["u1"], MemberIds(withMembers.Resources.Single()));
        Assert.Equal("g1", withoutMembers.Resources.Single().Id);
        Assert.False(withoutMembers.Resources.Single().Document.ContainsKey("members"));
        Assert.Equal([1L, 1L], new[] { withMembers.TotalResults, withoutMembers.TotalResults });
    }
}
