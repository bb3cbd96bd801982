using System.Net;
using System.Text.Json.Nodes;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Endpoints;

/// <summary>
/// Two tenants hold a user with the same userName and groups with the same displayName. No endpoint lets one tenant
/// read, change or even detect the other's resources: a foreign id is answered exactly like an id that does not
/// exist, and given as a group member it is treated as an unknown id.
/// </summary>
public sealed class TenantIsolationTests(TenantIsolationTests.TwoTenants tenants) : IClassFixture<TenantIsolationTests.TwoTenants>
{
    private const string SearchRequest = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

    /// <summary>The service as shipped (unknown member ids accepted), and one that refuses unknown member ids.</summary>
    public sealed class TwoTenants : IDisposable
    {
        public TwoTenants() => Strict.Settings["Scim:RejectUnknownMembers"] = "true";

        public ScimApiFactory Lenient { get; } = new();

        public ScimApiFactory Strict { get; } = new();

        public void Dispose()
        {
            Lenient.Dispose();
            Strict.Dispose();
        }
    }

    private sealed record World(HttpClient Mine, HttpClient Theirs, string UserName, JsonObject TheirUser, JsonObject TheirGroup, JsonObject MyUser, JsonObject MyGroup);

    private static async Task<World> SetUpAsync(ScimApiFactory factory)
    {
        var mine = factory.CreateScimClient(factory.OtherTenantToken);
        var theirs = factory.CreateScimClient(factory.WriteToken);
        var userName = ScimHttp.UniqueName("same");
        var groupName = ScimHttp.UniqueName("Same Group");
        var theirUser = await theirs.CreateUserAsync(userName, ""","externalId":"ext-1","title":"Theirs" """);
        var theirGroup = await theirs.CreateGroupAsync(groupName, theirUser.Id());
        // The same names in the other tenant are no conflict: uniqueness is per tenant and reveals nothing.
        var myUser = await mine.CreateUserAsync(userName, ""","externalId":"ext-1","title":"Mine" """);
        var myGroup = await mine.CreateGroupAsync(groupName, myUser.Id());
        return new World(mine, theirs, userName, theirUser, theirGroup, myUser, myGroup);
    }

    public static TheoryData<string, string> SingleResourceRequests => new()
    {
        { "GET", "Users" },
        { "GET", "Groups" },
        { "PUT", "Users" },
        { "PUT", "Groups" },
        { "PATCH", "Users" },
        { "PATCH", "Groups" },
        { "DELETE", "Users" },
        { "DELETE", "Groups" },
    };

    [Theory]
    [MemberData(nameof(SingleResourceRequests))]
    public async Task ForeignId_IsAnsweredExactlyLikeAnAbsentId_AndNothingChanges(string method, string endpoint)
    {
        var world = await SetUpAsync(tenants.Lenient);
        var foreign = endpoint == "Users" ? world.TheirUser : world.TheirGroup;
        var before = await (await world.Theirs.GetAsync($"/scim/v2/{endpoint}/{foreign.Id()}")).BodyAsync();
        var absentId = Guid.CreateVersion7().ToString();

        var foreignResponse = await SendAsync(world.Mine, method, endpoint, foreign.Id());
        var absentResponse = await SendAsync(world.Mine, method, endpoint, absentId);

        await foreignResponse.AssertScimErrorAsync(404);
        await absentResponse.AssertScimErrorAsync(404);
        Assert.Equal(
            (await absentResponse.BodyAsync()).ToJsonString().Replace(absentId, "{id}", StringComparison.Ordinal),
            (await foreignResponse.BodyAsync()).ToJsonString().Replace(foreign.Id(), "{id}", StringComparison.Ordinal));
        Assert.Equal(HeaderNames(absentResponse), HeaderNames(foreignResponse));

        var after = await world.Theirs.GetAsync($"/scim/v2/{endpoint}/{foreign.Id()}");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.True(JsonNode.DeepEquals(before, await after.BodyAsync()));
    }

    [Fact]
    public async Task ConditionalGetOfAForeignId_IsStill404_NeverNotModified()
    {
        var world = await SetUpAsync(tenants.Lenient);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/scim/v2/Users/{world.TheirUser.Id()}");
        request.Headers.TryAddWithoutValidation("If-None-Match", world.TheirUser["meta"]!["version"]!.GetValue<string>());
        await (await world.Mine.SendAsync(request)).AssertScimErrorAsync(404);
    }

    [Theory]
    [InlineData("/scim/v2/Users?filter=userName eq \"{userName}\"")]
    [InlineData("/scim/v2/Users?filter=externalId eq \"ext-1\" and userName eq \"{userName}\"")]
    [InlineData("/scim/v2/Users?filter=userName sw \"{userName}\"&sortBy=title&count=50")]
    [InlineData("/scim/v2/Users?filter=id eq \"{theirUser}\" or userName eq \"{userName}\"")]
    [InlineData("/scim/v2/Users?filter=groups.value eq \"{theirGroup}\" or userName eq \"{userName}\"")]
    [InlineData("/scim/v2/Groups?filter=members.value eq \"{theirUser}\" or members.value eq \"{myUser}\"")]
    [InlineData("/scim/v2/Groups?filter=id eq \"{theirGroup}\" or id eq \"{myGroup}\"")]
    public async Task ListsAndFilters_ReturnOnlyOwnResources(string query)
    {
        var world = await SetUpAsync(tenants.Lenient);
        var body = await (await world.Mine.GetAsync(Fill(query, world))).BodyAsync();
        AssertOnlyMine(body, world);
    }

    [Theory]
    [InlineData("/scim/v2/Users/.search", "userName eq \"{userName}\"")]
    [InlineData("/scim/v2/Groups/.search", "members.value eq \"{theirUser}\" or members.value eq \"{myUser}\"")]
    [InlineData("/scim/v2/.search", "userName eq \"{userName}\" or id eq \"{theirGroup}\" or id eq \"{myGroup}\"")]
    [InlineData("/scim/v2/.search", "id eq \"{theirUser}\" or id eq \"{theirGroup}\" or id eq \"{myUser}\" or id eq \"{myGroup}\"")]
    public async Task Searches_IncludingTheRootSearch_ReturnOnlyOwnResources(string path, string filter)
    {
        var world = await SetUpAsync(tenants.Lenient);
        var request = new JsonObject
        {
            ["schemas"] = new JsonArray(SearchRequest),
            ["filter"] = Fill(filter, world),
        };
        var body = await (await world.Mine.PostAsync(path, ScimHttp.Json(request))).BodyAsync();
        AssertOnlyMine(body, world);
    }

    [Fact]
    public async Task ForeignMemberId_IsTreatedAsAnUnknownId_RevealingNothing()
    {
        var world = await SetUpAsync(tenants.Lenient);
        var absentId = Guid.CreateVersion7().ToString();
        var add = $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"add","path":"members","value":[{"value":"{{world.TheirUser.Id()}}"},{"value":"{{absentId}}"}]}]}""";
        Assert.Equal(HttpStatusCode.NoContent, (await world.Mine.PatchAsync($"/scim/v2/Groups/{world.MyGroup.Id()}", add)).StatusCode);

        var members = (await (await world.Mine.GetAsync($"/scim/v2/Groups/{world.MyGroup.Id()}")).BodyAsync())["members"]!.AsArray();
        var foreignMember = members.Single(m => m!["value"]!.GetValue<string>() == world.TheirUser.Id())!;
        var absentMember = members.Single(m => m!["value"]!.GetValue<string>() == absentId)!;
        Assert.Equal(
            absentMember.ToJsonString().Replace(absentId, "{id}", StringComparison.Ordinal),
            foreignMember.ToJsonString().Replace(world.TheirUser.Id(), "{id}", StringComparison.Ordinal));
        Assert.DoesNotContain(world.UserName, foreignMember.ToJsonString(), StringComparison.Ordinal);

        // Their user is in no group of theirs that they did not put it in.
        var theirUser = await (await world.Theirs.GetAsync($"/scim/v2/Users/{world.TheirUser.Id()}")).BodyAsync();
        var theirGroups = theirUser["groups"]?.AsArray().Select(g => g!["value"]!.GetValue<string>()).ToList() ?? [];
        Assert.Equal([world.TheirGroup.Id()], theirGroups);
    }

    [Fact]
    public async Task ForeignMemberId_InAGroupCreatedWithIt_IsTreatedAsAnUnknownId()
    {
        var world = await SetUpAsync(tenants.Lenient);
        var group = await world.Mine.CreateGroupAsync(ScimHttp.UniqueName("g"), world.TheirUser.Id());
        var member = group["members"]!.AsArray().Single()!.AsObject();
        Assert.DoesNotContain(world.UserName, member.ToJsonString(), StringComparison.Ordinal);
        var theirUser = await (await world.Theirs.GetAsync($"/scim/v2/Users/{world.TheirUser.Id()}")).BodyAsync();
        Assert.DoesNotContain(group.Id(), theirUser.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithUnknownMembersRefused_AForeignMemberIdIsRefusedLikeAnAbsentOne()
    {
        var world = await SetUpAsync(tenants.Strict);
        var absentId = Guid.CreateVersion7().ToString();
        var foreign = await world.Mine.PatchAsync($"/scim/v2/Groups/{world.MyGroup.Id()}",
            $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"add","path":"members","value":[{"value":"{{world.TheirUser.Id()}}"}]}]}""");
        var absent = await world.Mine.PatchAsync($"/scim/v2/Groups/{world.MyGroup.Id()}",
            $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"add","path":"members","value":[{"value":"{{absentId}}"}]}]}""");

        Assert.Equal((int)absent.StatusCode, (int)foreign.StatusCode);
        Assert.True((int)foreign.StatusCode is >= 400 and < 500);
        Assert.Equal(
            (await absent.BodyAsync()).ToJsonString().Replace(absentId, "{id}", StringComparison.Ordinal),
            (await foreign.BodyAsync()).ToJsonString().Replace(world.TheirUser.Id(), "{id}", StringComparison.Ordinal));

        var created = await world.Mine.PostAsync("/scim/v2/Groups", ScimHttp.Json(
            $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"{{ScimHttp.UniqueName("g")}}","members":[{"value":"{{world.TheirUser.Id()}}"}]}"""));
        Assert.Equal((int)absent.StatusCode, (int)created.StatusCode);
    }

    [Fact]
    public async Task PatchOfOwnGroup_CannotRemoveOrReplaceMembershipsOfTheOtherTenant()
    {
        var world = await SetUpAsync(tenants.Lenient);
        await world.Mine.PatchAsync($"/scim/v2/Groups/{world.MyGroup.Id()}",
            $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"remove","path":"members[value eq \"{{world.TheirUser.Id()}}\"]"}]}""");
        await world.Mine.PatchAsync($"/scim/v2/Groups/{world.MyGroup.Id()}",
            $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"replace","path":"members","value":[]}]}""");

        var theirGroup = await (await world.Theirs.GetAsync($"/scim/v2/Groups/{world.TheirGroup.Id()}")).BodyAsync();
        Assert.Equal(world.TheirUser.Id(), theirGroup["members"]!.AsArray().Single()!["value"]!.GetValue<string>());
    }

    private static void AssertOnlyMine(JsonObject listResponse, World world)
    {
        var ids = listResponse["Resources"]?.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToList() ?? [];
        Assert.DoesNotContain(world.TheirUser.Id(), ids);
        Assert.DoesNotContain(world.TheirGroup.Id(), ids);
        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.Contains(id, new[] { world.MyUser.Id(), world.MyGroup.Id() }));
        Assert.Equal(ids.Count, listResponse["totalResults"]!.GetValue<long>());
        Assert.DoesNotContain("Theirs", listResponse.ToJsonString(), StringComparison.Ordinal);
    }

    private static string Fill(string template, World world) => template
        .Replace("{userName}", world.UserName, StringComparison.Ordinal)
        .Replace("{theirUser}", world.TheirUser.Id(), StringComparison.Ordinal)
        .Replace("{theirGroup}", world.TheirGroup.Id(), StringComparison.Ordinal)
        .Replace("{myUser}", world.MyUser.Id(), StringComparison.Ordinal)
        .Replace("{myGroup}", world.MyGroup.Id(), StringComparison.Ordinal);

    private static List<string> HeaderNames(HttpResponseMessage response) =>
        [.. response.Headers.Concat(response.Content.Headers).Select(h => h.Key).Order(StringComparer.OrdinalIgnoreCase)];

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string endpoint, string id)
    {
        var uri = $"/scim/v2/{endpoint}/{id}";
        var schema = endpoint == "Users" ? "urn:ietf:params:scim:schemas:core:2.0:User" : "urn:ietf:params:scim:schemas:core:2.0:Group";
        var replacement = endpoint == "Users"
            ? $$"""{"schemas":["{{schema}}"],"userName":"{{ScimHttp.UniqueName("takeover")}}"}"""
            : $$"""{"schemas":["{{schema}}"],"displayName":"{{ScimHttp.UniqueName("takeover")}}"}""";
        return method switch
        {
            "GET" => client.GetAsync(uri),
            "PUT" => client.PutAsync(uri, ScimHttp.Json(replacement)),
            "PATCH" => client.PatchAsync(uri, $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"replace","path":"{{(endpoint == "Users" ? "title" : "displayName")}}","value":"taken over"}]}"""),
            "DELETE" => client.DeleteAsync(uri),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
        };
    }
}
