using Scim.Api.Core.Filters;

namespace Scim.Api.Tests.Storage;

/// <summary>
/// Filters on what a membership shows but does not store alone (a member's display and type, a group's display
/// name), and their negations: each row is one value, read as a GET with members or groups shows it.
/// </summary>
public abstract partial class ResourceStoreContractTests
{
    public static readonly TheoryData<string, string, string[]> MembershipDisplayAndTypeFilters = new()
    {
        { "Group", "members.display co \"ens\"", ["admins"] },
        { "Group", "not (members.display co \"ens\")", ["empty", "nested", "sales"] },
        { "Group", "members.display ne \"Babs Jensen\"", ["empty", "nested", "sales"] },
        { "Group", "members.display eq \"CHOSEN BY CLIENT\"", ["sales"] },
        { "Group", "members.type eq \"User\"", ["admins", "sales"] },
        { "Group", "members.type ne \"User\"", ["empty", "nested"] },
        { "Group", "members.type eq \"Group\"", ["nested"] },
        { "Group", "members[display gt \"C\"]", ["sales"] },
        { "Group", "not (members[display gt \"C\"])", ["admins", "empty", "nested"] },
        { "Group", "members[type eq \"User\" and display sw \"babs\"]", ["admins"] },
        { "User", "groups.display eq \"Admins\"", ["bjensen"] },
        { "User", "groups.display ne \"Admins\"", ["jsmith", "loner"] },
        { "User", "groups[display sw \"s\"]", ["jsmith"] },
        { "User", "not (groups[display sw \"s\"])", ["bjensen", "loner"] },
    };

    [Theory]
    [MemberData(nameof(MembershipDisplayAndTypeFilters))]
    public async Task Query_OnAMembersDisplayOrType_MatchesTheValuesAGetShows(string type, string filter, string[] expected)
    {
        await CreateUserAsync("bjensen", "bjensen", "Babs Jensen");
        await CreateUserAsync("jsmith", "jsmith", "John Smith");
        await CreateUserAsync("loner", "loner", "Lone Ranger");
        await CreateGroupAsync("admins", "Admins", [Member("bjensen")]);
        await CreateGroupAsync("sales", "Sales", [Member("jsmith", display: "Chosen by client")]);
        await CreateGroupAsync("nested", "Nested", [Member("admins")]);
        await CreateGroupAsync("empty", "Empty");

        var ids = await QueryIdsAsync(type == "User" ? UserType : GroupType, FilterParser.Parse(filter));

        Assert.Equal(expected, ids.Order(StringComparer.Ordinal));
    }
}
