using System.Net;
using System.Text.Json.Nodes;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Endpoints;

public sealed class SoftDeleteTests(ScimApiFactory factory) : IClassFixture<ScimApiFactory>
{
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private static List<string> ValuesOf(JsonObject resource, string attribute) =>
        resource[attribute] is JsonArray values ? [.. values.Select(v => v!["value"]!.GetValue<string>()).Order()] : [];

    private static JsonObject WithoutVersionAndTime(JsonObject resource)
    {
        var copy = resource.DeepClone().AsObject();
        copy["meta"]!.AsObject().Remove("version");
        copy["meta"]!.AsObject().Remove("lastModified");
        return copy;
    }

    private static async Task<long> TotalAsync(HttpClient client, string filter) =>
        (await (await client.GetAsync($"/scim/v2/Users?filter={Uri.EscapeDataString(filter)}")).BodyAsync())["totalResults"]!.GetValue<long>();

    [Fact]
    public async Task Delete_Then404_ThenRestore_GivesTheIdenticalUserBackWithItsGroups()
    {
        using var client = factory.CreateScimClient();
        using var admin = factory.CreateAdminClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName("bjensen"), $$$"""
            ,"name":{"givenName":"Barbara","familyName":"Jensen"},"title":"Tour Guide",
            "emails":[{"value":"bjensen@example.com","type":"work","primary":true}],
            "{{{Enterprise}}}":{"employeeNumber":"701984","manager":{"value":"boss-id"}}
            """);
        var other = await client.CreateUserAsync(ScimHttp.UniqueName());
        var group = await client.CreateGroupAsync(ScimHttp.UniqueName("g"), user.Id(), other.Id());
        var before = await (await client.GetAsync($"/scim/v2/Users/{user.Id()}")).BodyAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/scim/v2/Users/{user.Id()}")).StatusCode);
        await (await client.GetAsync($"/scim/v2/Users/{user.Id()}")).AssertScimErrorAsync(404);
        Assert.Equal([other.Id()], ValuesOf(await (await client.GetAsync($"/scim/v2/Groups/{group.Id()}")).BodyAsync(), "members"));

        var restore = await admin.RestoreAsync("Users", user.Id());
        Assert.Equal(HttpStatusCode.OK, restore.StatusCode);
        var restored = await restore.BodyAsync();
        var after = await (await client.GetAsync($"/scim/v2/Users/{user.Id()}")).BodyAsync();

        Assert.True(JsonNode.DeepEquals(WithoutVersionAndTime(before), WithoutVersionAndTime(after)), after.ToJsonString());
        Assert.True(JsonNode.DeepEquals(after, restored), restored.ToJsonString());
        Assert.Equal("W/\"2\"", after["meta"]!["version"]!.GetValue<string>());
        Assert.Equal("W/\"2\"", restore.Headers.ETag?.ToString());
        Assert.Equal([group.Id()], ValuesOf(after, "groups"));
        Assert.Equal(new[] { user.Id(), other.Id() }.Order(), ValuesOf(await (await client.GetAsync($"/scim/v2/Groups/{group.Id()}")).BodyAsync(), "members"));
    }

    [Fact]
    public async Task Delete_OfAGroup_ThenRestore_BringsBackItsMembers()
    {
        using var client = factory.CreateScimClient();
        using var admin = factory.CreateAdminClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName());
        var group = await client.CreateGroupAsync(ScimHttp.UniqueName("g"), user.Id());

        await client.DeleteAsync($"/scim/v2/Groups/{group.Id()}");
        var groupsWhileDeleted = ValuesOf(await (await client.GetAsync($"/scim/v2/Users/{user.Id()}")).BodyAsync(), "groups");
        Assert.Equal(HttpStatusCode.OK, (await admin.RestoreAsync("Group", group.Id())).StatusCode);

        Assert.Empty(groupsWhileDeleted);
        Assert.Equal([user.Id()], ValuesOf(await (await client.GetAsync($"/scim/v2/Groups/{group.Id()}")).BodyAsync(), "members"));
        Assert.Equal([group.Id()], ValuesOf(await (await client.GetAsync($"/scim/v2/Users/{user.Id()}")).BodyAsync(), "groups"));
    }

    [Fact]
    public async Task Delete_HidesTheUserFromListsFiltersAndMemberFilters()
    {
        using var client = factory.CreateScimClient();
        var userName = ScimHttp.UniqueName("hidden");
        var user = await client.CreateUserAsync(userName);
        _ = await client.CreateGroupAsync(ScimHttp.UniqueName("g"), user.Id());

        await client.DeleteAsync($"/scim/v2/Users/{user.Id()}");

        Assert.Equal(0, await TotalAsync(client, $"userName eq \"{userName}\""));
        Assert.Equal(0, await TotalAsync(client, $"id eq \"{user.Id()}\""));
        var groups = await (await client.GetAsync($"/scim/v2/Groups?filter={Uri.EscapeDataString($"members.value eq \"{user.Id()}\"")}")).BodyAsync();
        Assert.Equal(0, groups["totalResults"]!.GetValue<long>());
        var search = await (await client.PostAsync("/scim/v2/.search", ScimHttp.Json($$"""{"filter":"id eq \"{{user.Id()}}\""}"""))).BodyAsync();
        Assert.Equal(0, search["totalResults"]!.GetValue<long>());
    }

    [Fact]
    public async Task Delete_ReleasesTheUserName_AndRestoringTheOldHolderIsThenAConflict()
    {
        using var client = factory.CreateScimClient();
        using var admin = factory.CreateAdminClient();
        var userName = ScimHttp.UniqueName("reused");
        var first = await client.CreateUserAsync(userName);
        await client.DeleteAsync($"/scim/v2/Users/{first.Id()}");

        var second = await client.CreateUserAsync(userName.ToUpperInvariant());
        var conflict = await admin.RestoreAsync("Users", first.Id());

        Assert.NotEqual(first.Id(), second.Id());
        await conflict.AssertScimErrorAsync(409, "uniqueness");
        await client.DeleteAsync($"/scim/v2/Users/{second.Id()}");
        Assert.Equal(HttpStatusCode.OK, (await admin.RestoreAsync("Users", first.Id())).StatusCode);
    }

    [Fact]
    public async Task DeletedListing_ShowsTheTombstoneWithItsRestoreLink_UntilItIsRestored()
    {
        using var client = factory.CreateScimClient();
        using var admin = factory.CreateAdminClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName("listed"), ""","displayName":"Listed Person" """);
        await client.DeleteAsync($"/scim/v2/Users/{user.Id()}");

        var tombstone = (await admin.DeletedAsync("?resourceType=Users&count=1000")).Single(t => t!["id"]!.GetValue<string>() == user.Id())!;
        var groupsOnly = await admin.DeletedAsync("?resourceType=Group&count=1000");

        Assert.Equal("User", tombstone["resourceType"]!.GetValue<string>());
        Assert.Equal("Listed Person", tombstone["displayName"]!.GetValue<string>());
        Assert.Equal($"/admin/v1/tenants/tenant-a/Users/{user.Id()}/restore", tombstone["restore"]!.GetValue<string>());
        var deletedAt = DateTimeOffset.Parse(tombstone["deletedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var until = DateTimeOffset.Parse(tombstone["restorableUntil"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromDays(30), until - deletedAt);
        Assert.DoesNotContain(groupsOnly, t => t!["id"]!.GetValue<string>() == user.Id());
        Assert.Empty(await admin.DeletedAsync(tenant: ScimApiFactory.OtherTenant));

        Assert.Equal(HttpStatusCode.OK, (await admin.RestoreAsync(tombstone["resourceType"]!.GetValue<string>(), user.Id())).StatusCode);
        Assert.DoesNotContain(await admin.DeletedAsync("?count=1000"), t => t!["id"]!.GetValue<string>() == user.Id());
    }

    [Fact]
    public async Task Restore_InAnotherTenant_Is404()
    {
        using var client = factory.CreateScimClient();
        using var admin = factory.CreateAdminClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName());
        await client.DeleteAsync($"/scim/v2/Users/{user.Id()}");

        await (await admin.RestoreAsync("Users", user.Id(), ScimApiFactory.OtherTenant)).AssertScimErrorAsync(404);
    }

    [Fact]
    public async Task Delete_WithAStaleIfMatch_Is412AndDeletesNothing()
    {
        using var client = factory.CreateScimClient();
        using var admin = factory.CreateAdminClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName());
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/scim/v2/Users/{user.Id()}");
        request.Headers.TryAddWithoutValidation("If-Match", "W/\"7\"");

        await (await client.SendAsync(request)).AssertScimErrorAsync(412);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/scim/v2/Users/{user.Id()}")).StatusCode);
        Assert.DoesNotContain(await admin.DeletedAsync("?count=1000"), t => t!["id"]!.GetValue<string>() == user.Id());
    }

    [Fact]
    public async Task ActiveFalse_IsNotADelete_TheUserStaysListedAndIsNoTombstone()
    {
        using var client = factory.CreateScimClient();
        using var admin = factory.CreateAdminClient();
        var userName = ScimHttp.UniqueName("inactive");
        var user = await client.CreateUserAsync(userName);

        await client.PatchAsync($"/scim/v2/Users/{user.Id()}", $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"replace","path":"active","value":false}]}""");

        Assert.Equal(1, await TotalAsync(client, $"userName eq \"{userName}\" and active eq false"));
        Assert.DoesNotContain(await admin.DeletedAsync("?count=1000"), t => t!["id"]!.GetValue<string>() == user.Id());
    }
}
