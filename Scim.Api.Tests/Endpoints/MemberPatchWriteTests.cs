using System.Net;
using System.Text.Json.Nodes;

namespace Scim.Api.Tests.Endpoints;

/// <summary>
/// A PATCH that only adds or removes members, without If-Match, is written without the version condition: identity
/// providers send many at once to one group, and with the compare-and-swap all but one of each committed batch lost
/// and retried (docs/benchmarks.md). Anything else, or a real If-Match, keeps the compare-and-swap.
/// </summary>
public sealed class MemberPatchWriteTests(UpdateRecordingApi api) : IClassFixture<UpdateRecordingApi>
{
    private static string AddMember(string id) =>
        $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"add","path":"members","value":[{"value":"{{id}}"}]}]}""";

    private static List<string> MemberIds(JsonObject group) =>
        group["members"] is JsonArray members ? [.. members.Select(m => m!["value"]!.GetValue<string>()).Order(StringComparer.Ordinal)] : [];

    [Fact]
    public async Task ConcurrentMemberAdds_WithoutIfMatch_AllLandEachInOneWriteWithoutAVersion()
    {
        using var client = api.CreateScimClient();
        var group = await client.CreateGroupAsync(ScimHttp.UniqueName("g"));
        var uri = $"/scim/v2/Groups/{group.Id()}";
        var memberIds = Enumerable.Range(0, 40).Select(i => $"member-{i:D2}").ToList();

        var responses = await Task.WhenAll(memberIds.Select(id => client.PatchAsync(uri, AddMember(id))));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.NoContent, response.StatusCode));
        var writes = api.Store.UpdatesOf(group.Id());
        Assert.Equal(memberIds.Count, writes.Count);
        Assert.All(writes, write => Assert.Equal(new RecordedUpdate(group.Id(), null, false, null), write));
        var fetched = await (await client.GetAsync(uri)).BodyAsync();
        Assert.Equal(memberIds, MemberIds(fetched));
        Assert.Equal($"W/\"{memberIds.Count + 1}\"", fetched["meta"]!["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task MemberAdd_WithIfMatchAny_IsWrittenWithoutAVersion()
    {
        using var client = api.CreateScimClient();
        var group = await client.CreateGroupAsync(ScimHttp.UniqueName("g"));

        var response = await client.PatchAsync($"/scim/v2/Groups/{group.Id()}", AddMember("m1"), ifMatch: "*");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("W/\"2\"", response.Headers.ETag?.ToString());
        Assert.Equal([new RecordedUpdate(group.Id(), null, false, null)], api.Store.UpdatesOf(group.Id()));
    }

    [Fact]
    public async Task MemberAdd_WithAStaleIfMatch_IsPreconditionFailedAndWritesNothing()
    {
        using var client = api.CreateScimClient();
        var group = await client.CreateGroupAsync(ScimHttp.UniqueName("g"));
        var uri = $"/scim/v2/Groups/{group.Id()}";
        await client.PatchAsync(uri, AddMember("m1"));

        var response = await client.PatchAsync(uri, AddMember("m2"), ifMatch: "W/\"1\"");

        await response.AssertScimErrorAsync(412);
        Assert.Single(api.Store.UpdatesOf(group.Id()));
        Assert.Equal(["m1"], MemberIds(await (await client.GetAsync(uri)).BodyAsync()));
    }

    [Fact]
    public async Task MemberAdd_WithTheCurrentIfMatch_IsWrittenWithThatVersion()
    {
        using var client = api.CreateScimClient();
        var group = await client.CreateGroupAsync(ScimHttp.UniqueName("g"));

        var response = await client.PatchAsync($"/scim/v2/Groups/{group.Id()}", AddMember("m1"), ifMatch: "W/\"1\"");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal([new RecordedUpdate(group.Id(), 1, false, null)], api.Store.UpdatesOf(group.Id()));
    }

    [Theory]
    [InlineData("""[{"op":"add","path":"members","value":[{"value":"m1"}]},{"op":"replace","path":"displayName","value":"{name}"}]""")]
    [InlineData("""[{"op":"replace","value":{"displayName":"{name}","members":[{"value":"m1"}]}}]""")]
    public async Task MemberAddWithADisplayNameChange_IsWrittenWithTheVersion(string operations)
    {
        using var client = api.CreateScimClient();
        var group = await client.CreateGroupAsync(ScimHttp.UniqueName("g"));
        var uri = $"/scim/v2/Groups/{group.Id()}";
        var newName = ScimHttp.UniqueName("renamed");

        var response = await client.PatchAsync(
            uri, $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":{{operations.Replace("{name}", newName, StringComparison.Ordinal)}}}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal([new RecordedUpdate(group.Id(), 1, true, null)], api.Store.UpdatesOf(group.Id()));
        var fetched = await (await client.GetAsync(uri)).BodyAsync();
        Assert.Equal(newName, fetched["displayName"]!.GetValue<string>());
        Assert.Equal(["m1"], MemberIds(fetched));
    }

    [Fact]
    public async Task MemberAdd_AskingForTheRepresentation_Is200WithTheMembersAndTheNewVersion()
    {
        using var client = api.CreateScimClient();
        var group = await client.CreateGroupAsync(ScimHttp.UniqueName("g"), "m1");

        var response = await client.PatchAsync($"/scim/v2/Groups/{group.Id()}?attributes=members", AddMember("m2"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("W/\"2\"", response.Headers.ETag?.ToString());
        Assert.Equal(["m1", "m2"], MemberIds(await response.BodyAsync()));
        Assert.Equal([new RecordedUpdate(group.Id(), null, false, null)], api.Store.UpdatesOf(group.Id()));
    }

    [Fact]
    public async Task MemberAdd_ToAMissingGroup_IsRefusedByTheStoreAsNotFoundAndCreatesNothing()
    {
        using var client = api.CreateScimClient();
        var id = Guid.NewGuid().ToString();

        var response = await client.PatchAsync($"/scim/v2/Groups/{id}", AddMember("m1"));

        await response.AssertScimErrorAsync(404);
        Assert.Equal([new RecordedUpdate(id, null, false, 404)], api.Store.UpdatesOf(id));
        await (await client.GetAsync($"/scim/v2/Groups/{id}")).AssertScimErrorAsync(404);
    }
}
