using System.Net;
using System.Text.Json.Nodes;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Endpoints;

public sealed class GroupMembershipTests(ScimApiFactory factory) : IClassFixture<ScimApiFactory>
{
    private static List<string> MemberIds(JsonObject group) =>
        group["members"] is JsonArray members ? [.. members.Select(m => m!["value"]!.GetValue<string>()).Order()] : [];

    private static async Task<JsonObject> GetGroupAsync(HttpClient client, string id, string query = "") =>
        await (await client.GetAsync($"/scim/v2/Groups/{id}{query}")).BodyAsync();

    [Fact]
    public async Task AddAndRemoveMembers_AreIdempotent()
    {
        using var client = factory.CreateScimClient();
        var alice = await client.CreateUserAsync(ScimHttp.UniqueName("alice"));
        var bob = await client.CreateUserAsync(ScimHttp.UniqueName("bob"));
        var group = await client.CreateGroupAsync(ScimHttp.UniqueName("g"), alice.Id());
        var uri = $"/scim/v2/Groups/{group.Id()}";

        var add = $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"add","path":"members","value":[{"value":"{{alice.Id()}}"},{"value":"{{bob.Id()}}"}]}]}""";
        Assert.Equal(HttpStatusCode.NoContent, (await client.PatchAsync(uri, add)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PatchAsync(uri, add)).StatusCode);
        Assert.Equal(new[] { alice.Id(), bob.Id() }.Order(), MemberIds(await GetGroupAsync(client, group.Id())));

        var remove = $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"remove","path":"members[value eq \"{{bob.Id()}}\"]"}]}""";
        Assert.Equal(HttpStatusCode.NoContent, (await client.PatchAsync(uri, remove)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PatchAsync(uri, remove)).StatusCode);
        Assert.Equal([alice.Id()], MemberIds(await GetGroupAsync(client, group.Id())));
    }

    [Fact]
    public async Task EntraStyleRemoval_RemovesExactlyTheListedMembers()
    {
        using var client = factory.CreateScimClient();
        var a = await client.CreateUserAsync(ScimHttp.UniqueName());
        var b = await client.CreateUserAsync(ScimHttp.UniqueName());
        var c = await client.CreateUserAsync(ScimHttp.UniqueName());
        var group = await client.CreateGroupAsync(ScimHttp.UniqueName("g"), a.Id(), b.Id(), c.Id());
        await client.PatchAsync($"/scim/v2/Groups/{group.Id()}",
            $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"Remove","path":"members","value":[{"value":"{{a.Id()}}"},{"value":"{{c.Id()}}"}]}]}""");
        Assert.Equal([b.Id()], MemberIds(await GetGroupAsync(client, group.Id())));
    }

    [Fact]
    public async Task RemoveAllMembers_AndExcludedAttributesMembers()
    {
        using var client = factory.CreateScimClient();
        var a = await client.CreateUserAsync(ScimHttp.UniqueName());
        var group = await client.CreateGroupAsync(ScimHttp.UniqueName("g"), a.Id());
        var excluded = await GetGroupAsync(client, group.Id(), "?excludedAttributes=members");
        Assert.Null(excluded["members"]);
        Assert.NotNull(excluded["displayName"]);

        await client.PatchAsync($"/scim/v2/Groups/{group.Id()}", $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"remove","path":"members"}]}""");
        Assert.Empty(MemberIds(await GetGroupAsync(client, group.Id())));
    }

    [Fact]
    public async Task MemberDisplay_IsWhatTheClientSent_ElseTheMembersName()
    {
        using var client = factory.CreateScimClient();
        var named = await client.CreateUserAsync(ScimHttp.UniqueName(), ""","displayName":"Current Name" """);
        var sent = await client.CreateUserAsync(ScimHttp.UniqueName());
        var group = await client.CreateGroupAsync(ScimHttp.UniqueName("g"));
        await client.PatchAsync($"/scim/v2/Groups/{group.Id()}", $$"""
            {"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"add","path":"members","value":[
              {"value":"{{named.Id()}}"},{"value":"{{sent.Id()}}","displayName":"As Sent"}]}]}
            """);
        var members = (await GetGroupAsync(client, group.Id()))["members"]!.AsArray();
        Assert.Equal("Current Name", members.Single(m => m!["value"]!.GetValue<string>() == named.Id())!["display"]!.GetValue<string>());
        Assert.Equal("As Sent", members.Single(m => m!["value"]!.GetValue<string>() == sent.Id())!["display"]!.GetValue<string>());
    }

    [Fact]
    public async Task UserGroups_IsComputedFromMemberships_AndDeletingTheUserRemovesThem()
    {
        using var client = factory.CreateScimClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName());
        var groupName = ScimHttp.UniqueName("g");
        var group = await client.CreateGroupAsync(groupName, user.Id());

        var fetched = await (await client.GetAsync($"/scim/v2/Users/{user.Id()}")).BodyAsync();
        var groups = fetched["groups"]!.AsArray();
        Assert.Equal(group.Id(), groups.Single()!["value"]!.GetValue<string>());
        Assert.Equal(groupName, groups.Single()!["display"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/scim/v2/Users/{user.Id()}")).StatusCode);
        Assert.Empty(MemberIds(await GetGroupAsync(client, group.Id())));
    }

    [Fact]
    public async Task GroupsCanBeMembers_AndUnknownIdsAreAccepted()
    {
        using var client = factory.CreateScimClient();
        var inner = await client.CreateGroupAsync(ScimHttp.UniqueName("inner"));
        var outer = await client.CreateGroupAsync(ScimHttp.UniqueName("outer"), inner.Id(), "no-such-id");
        var members = (await GetGroupAsync(client, outer.Id()))["members"]!.AsArray();
        Assert.Equal("Group", members.Single(m => m!["value"]!.GetValue<string>() == inner.Id())!["type"]!.GetValue<string>());
        Assert.Contains(members, m => m!["value"]!.GetValue<string>() == "no-such-id");
    }

    [Fact]
    public async Task FilterOnMembers_FindsTheGroup()
    {
        using var client = factory.CreateScimClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName());
        var group = await client.CreateGroupAsync(ScimHttp.UniqueName("g"), user.Id());
        var body = await (await client.GetAsync($"/scim/v2/Groups?filter=members.value eq \"{user.Id()}\"")).BodyAsync();
        Assert.Equal(group.Id(), body["Resources"]!.AsArray().Single()!.AsObject().Id());
    }

    [Fact]
    public async Task PutGroup_ReplacesTheMemberList()
    {
        using var client = factory.CreateScimClient();
        var a = await client.CreateUserAsync(ScimHttp.UniqueName());
        var b = await client.CreateUserAsync(ScimHttp.UniqueName());
        var name = ScimHttp.UniqueName("g");
        var group = await client.CreateGroupAsync(name, a.Id());
        var response = await client.PutAsync($"/scim/v2/Groups/{group.Id()}", ScimHttp.Json(
            $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"{{name}}","members":[{"value":"{{b.Id()}}"}]}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([b.Id()], MemberIds(await response.BodyAsync()));
    }
}
