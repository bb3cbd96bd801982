using System.Net;
using System.Text.Json.Nodes;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Endpoints;

/// <summary>POST /Bulk end to end (RFC 7644 §3.7), checked against what the store holds afterwards.</summary>
public sealed class BulkTests(ScimApiFactory factory) : IClassFixture<ScimApiFactory>
{
    private const string BulkRequestUrn = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
    private const string BulkResponseUrn = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";
    private const string PatchOpUrn = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private const string EnterpriseUrn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    internal static string Body(string operations, int? failOnErrors = null) =>
        $$"""{"schemas":["{{BulkRequestUrn}}"],{{(failOnErrors is { } n ? $"\"failOnErrors\":{n}," : "")}}"Operations":[{{operations}}]}""";

    internal static string PostUser(string bulkId, string userName, string extra = "") =>
        $$$"""{"method":"POST","path":"/Users","bulkId":"{{{bulkId}}}","data":{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{{userName}}}"{{{extra}}}}}""";

    private static string PostUserData(string bulkId, string data) =>
        $$"""{"method":"POST","path":"/Users","bulkId":"{{bulkId}}","data":{{data}}}""";

    private static string PostGroup(string bulkId, string displayName, params string[] memberValues)
    {
        var members = string.Join(",", memberValues.Select(v => $$"""{"value":"{{v}}"}"""));
        return $$$$"""{"method":"POST","path":"/Groups","bulkId":"{{{{bulkId}}}}","data":{"displayName":"{{{{displayName}}}}","members":[{{{{members}}}}]}}""";
    }

    private static string Patch(string path, string operations, string version = "") =>
        $$$"""{"method":"PATCH","path":"{{{path}}}"{{{Version(version)}}},"data":{"schemas":["{{{PatchOpUrn}}}"],"Operations":[{{{operations}}}]}}""";

    private static string Version(string version) => version.Length == 0 ? "" : $",\"version\":{JsonValue.Create(version).ToJsonString()}";

    private static async Task<JsonArray> BulkAsync(HttpClient client, string body)
    {
        var response = await client.PostAsync("/scim/v2/Bulk", ScimHttp.Json(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ScimHttp.ScimJson, response.Content.Headers.ContentType?.MediaType);
        var json = await response.BodyAsync();
        Assert.Equal(BulkResponseUrn, json["schemas"]![0]!.GetValue<string>());
        return json["Operations"]!.AsArray();
    }

    private static string Status(JsonNode? result) => result!["status"]!.GetValue<string>();

    private static string IdAt(JsonNode? result) => result!["location"]!.GetValue<string>().Split('/')[^1];

    private static async Task<JsonObject> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync($"/scim/v2{path}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.BodyAsync();
    }

    private static async Task<long> CountAsync(HttpClient client, string type, string filter) =>
        (await GetAsync(client, $"/{type}?filter={Uri.EscapeDataString(filter)}"))["totalResults"]!.GetValue<long>();

    private static List<string> MemberIds(JsonObject group) =>
        group["members"] is JsonArray members ? [.. members.Select(m => m!["value"]!.GetValue<string>()).Order()] : [];

    [Fact]
    public async Task GroupBeforeItsMembers_ResolvesForwardAndBackwardReferences()
    {
        using var client = factory.CreateScimClient();
        var names = Enumerable.Range(0, 3).Select(_ => ScimHttp.UniqueName()).ToArray();
        var results = await BulkAsync(client, Body(string.Join(",",
            PostUser("early", names[0]),
            PostGroup("team", ScimHttp.UniqueName("team"), "bulkId:early", "bulkId:late1", "bulkId:late2"),
            PostUser("late1", names[1]),
            PostUser("late2", names[2]))));

        Assert.Equal(["early", "team", "late1", "late2"], results.Select(r => r!["bulkId"]!.GetValue<string>()));
        Assert.All(results, r => Assert.Equal(("POST", "201"), (r!["method"]!.GetValue<string>(), Status(r))));
        Assert.All(results, r => Assert.StartsWith("W/\"", r!["version"]!.GetValue<string>(), StringComparison.Ordinal));
        var group = await GetAsync(client, $"/Groups/{IdAt(results[1])}");
        Assert.Equal(new[] { IdAt(results[0]), IdAt(results[2]), IdAt(results[3]) }.Order(), MemberIds(group));
        var late = await GetAsync(client, $"/Users/{IdAt(results[3])}");
        Assert.Equal(names[2], late["userName"]!.GetValue<string>());
        Assert.Equal(IdAt(results[1]), late["groups"]![0]!["value"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"value":"bulkId:boss"}""")]
    [InlineData("\"bulkId:boss\"")]
    public async Task ManagerReferringToAUserCreatedLater_IsTheNewId(string manager)
    {
        using var client = factory.CreateScimClient();
        var results = await BulkAsync(client, Body(string.Join(",",
            PostUser("employee", ScimHttp.UniqueName(), $$$""","{{{EnterpriseUrn}}}":{"manager":{{{manager}}}}"""),
            PostUser("boss", ScimHttp.UniqueName()))));

        Assert.Equal(["201", "201"], results.Select(Status));
        var employee = await GetAsync(client, $"/Users/{IdAt(results[0])}");
        Assert.Equal(IdAt(results[1]), employee[EnterpriseUrn]!["manager"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task UserWhoIsTheirOwnManager_IsCreatedThenCompleted()
    {
        using var client = factory.CreateScimClient();
        var results = await BulkAsync(client, Body(
            PostUser("ceo", ScimHttp.UniqueName(), $$$""","{{{EnterpriseUrn}}}":{"department":"Board","manager":{"value":"bulkId:ceo"} } """)));

        Assert.Equal(("201", "W/\"2\""), (Status(results[0]), results[0]!["version"]!.GetValue<string>()));
        var ceo = await GetAsync(client, $"/Users/{IdAt(results[0])}");
        Assert.Equal((IdAt(results[0]), "Board"),
            (ceo[EnterpriseUrn]!["manager"]!["value"]!.GetValue<string>(), ceo[EnterpriseUrn]!["department"]!.GetValue<string>()));
    }

    [Fact]
    public async Task TwoGroupsContainingEachOther_AreBothCreatedWithTheirMembers()
    {
        using var client = factory.CreateScimClient();
        var results = await BulkAsync(client, Body(string.Join(",",
            PostGroup("a", ScimHttp.UniqueName("a"), "bulkId:b"),
            PostGroup("b", ScimHttp.UniqueName("b"), "bulkId:a"))));

        Assert.Equal(["201", "201"], results.Select(Status));
        var (a, b) = (IdAt(results[0]), IdAt(results[1]));
        var groupA = await GetAsync(client, $"/Groups/{a}");
        Assert.Equal([b], MemberIds(groupA));
        Assert.Equal([a], MemberIds(await GetAsync(client, $"/Groups/{b}")));
        // The version reported is the one after the members were added.
        Assert.Equal(groupA["meta"]!["version"]!.GetValue<string>(), results[0]!["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task CircularReference_WhosePartnerFails_LeavesNeitherGroupBehind()
    {
        using var client = factory.CreateScimClient();
        var taken = ScimHttp.UniqueName("taken");
        await client.CreateGroupAsync(taken);
        var nameA = ScimHttp.UniqueName("a");

        var results = await BulkAsync(client, Body(string.Join(",",
            PostGroup("a", nameA, "bulkId:b"),
            PostGroup("b", taken, "bulkId:a"))));

        Assert.Equal(["409", "409"], results.Select(Status));
        Assert.Equal("uniqueness", results[1]!["response"]!["scimType"]!.GetValue<string>());
        Assert.Contains("'bulkId:b' cannot be resolved", results[0]!["response"]!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(results[0]!["location"]);
        Assert.Equal(0, await CountAsync(client, "Groups", $"displayName eq \"{nameA}\""));
    }

    [Fact]
    public async Task CircularReference_WithAnInvalidMember_FailsWithoutCreatingEither()
    {
        using var client = factory.CreateScimClient();
        var (nameA, nameB) = (ScimHttp.UniqueName("a"), ScimHttp.UniqueName("b"));
        var invalidA = $$"""{"method":"POST","path":"/Groups","bulkId":"a","data":{"displayName":"{{nameA}}","members":[{"value":"bulkId:b","type":{"not":"a string"} } ] } }""";

        var results = await BulkAsync(client, Body(string.Join(",", invalidA, PostGroup("b", nameB, "bulkId:a"))));

        Assert.Equal(["400", "409"], results.Select(Status));
        Assert.Equal(0, await CountAsync(client, "Groups", $"displayName eq \"{nameA}\" or displayName eq \"{nameB}\""));
    }

    [Fact]
    public async Task FailOnErrorsOne_StopsAtTheFirstError_LaterOperationsAbsentAndNotRun()
    {
        using var client = factory.CreateScimClient();
        var (first, third) = (ScimHttp.UniqueName(), ScimHttp.UniqueName());
        var results = await BulkAsync(client, Body(string.Join(",",
            PostUser("first", first),
            PostUser("duplicate", first),
            PostUser("third", third)), failOnErrors: 1));

        Assert.Equal(["201", "409"], results.Select(Status));
        Assert.Equal(1, await CountAsync(client, "Users", $"userName eq \"{first}\""));
        Assert.Equal(0, await CountAsync(client, "Users", $"userName eq \"{third}\""));
    }

    [Fact]
    public async Task FailOnErrorsTwo_ToleratesOneError_AndStopsAtTheSecond()
    {
        using var client = factory.CreateScimClient();
        var names = Enumerable.Range(0, 3).Select(_ => ScimHttp.UniqueName()).ToArray();
        var results = await BulkAsync(client, Body(string.Join(",",
            """{"method":"DELETE","path":"/Users/no-such-user"}""",
            PostUser("ok", names[0]),
            PostUser("bad", names[1], ""","active":{"not":"a boolean"}"""),
            PostUser("never", names[2])), failOnErrors: 2));

        Assert.Equal(["404", "201", "400"], results.Select(Status));
        Assert.Equal(0, await CountAsync(client, "Users", $"userName eq \"{names[2]}\""));
    }

    [Fact]
    public async Task WithoutFailOnErrors_EveryOperationRuns()
    {
        using var client = factory.CreateScimClient();
        var names = Enumerable.Range(0, 2).Select(_ => ScimHttp.UniqueName()).ToArray();
        var results = await BulkAsync(client, Body(string.Join(",",
            """{"method":"DELETE","path":"/Users/no-such-user"}""",
            PostUserData("bad", """{"userName":null}"""),
            PostUser("a", names[0]),
            """{"method":"PATCH","path":"/Users/no-such-user","data":{"Operations":[]}}""",
            PostUser("b", names[1]))));

        Assert.Equal(["404", "400", "201", "404", "201"], results.Select(Status));
        Assert.Equal(1, await CountAsync(client, "Users", $"userName eq \"{names[1]}\""));
    }

    [Fact]
    public async Task FailOnErrors_StoppingInsideACycle_RemovesTheHalfCreatedGroup()
    {
        using var client = factory.CreateScimClient();
        var nameA = ScimHttp.UniqueName("a");
        // a and b contain each other; c (which b waits for) is invalid and fails right after a is created.
        var results = await BulkAsync(client, Body(string.Join(",",
            PostGroup("a", nameA, "bulkId:b"),
            """{"method":"POST","path":"/Groups","bulkId":"c","data":{"displayName":{"not":"a string"},"members":[{"value":"bulkId:a"}]}}""",
            PostGroup("b", ScimHttp.UniqueName("b"), "bulkId:a", "bulkId:c")), failOnErrors: 1));

        var only = Assert.Single(results);
        Assert.Equal(("c", "400"), (only!["bulkId"]!.GetValue<string>(), Status(only)));
        Assert.Equal(0, await CountAsync(client, "Groups", $"displayName eq \"{nameA}\""));
    }

    [Fact]
    public async Task PutPatchDelete_ReportStatusLocationAndVersion()
    {
        using var client = factory.CreateScimClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName());
        var doomed = await client.CreateUserAsync(ScimHttp.UniqueName());
        var newName = ScimHttp.UniqueName("renamed");

        var results = await BulkAsync(client, Body(string.Join(",",
            $$$"""{"method":"PUT","path":"/Users/{{{user.Id()}}}","data":{"userName":"{{{newName}}}","title":"Engineer"}}""",
            Patch($"/Users/{user.Id()}", """{"op":"replace","path":"displayName","value":"Patched"}"""),
            $$"""{"method":"DELETE","path":"/Users/{{doomed.Id()}}"}""")));

        Assert.Equal(["PUT", "PATCH", "DELETE"], results.Select(r => r!["method"]!.GetValue<string>()));
        Assert.Equal(["200", "204", "204"], results.Select(Status));
        Assert.Equal(["W/\"2\"", "W/\"3\""], results.Take(2).Select(r => r!["version"]!.GetValue<string>()));
        Assert.Null(results[2]!["version"]);
        Assert.EndsWith($"/scim/v2/Users/{doomed.Id()}", results[2]!["location"]!.GetValue<string>(), StringComparison.Ordinal);
        var current = await GetAsync(client, $"/Users/{user.Id()}");
        Assert.Equal((newName, "Engineer", "Patched"),
            (current["userName"]!.GetValue<string>(), current["title"]!.GetValue<string>(), current["displayName"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/scim/v2/Users/{doomed.Id()}")).StatusCode);
    }

    [Fact]
    public async Task Version_IsIfMatch_AMismatchIs412AndChangesNothing()
    {
        using var client = factory.CreateScimClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName());
        var uri = $"/Users/{user.Id()}";

        var results = await BulkAsync(client, Body(string.Join(",",
            Patch(uri, """{"op":"replace","path":"title","value":"stale"}""", "W/\"7\""),
            $$"""{"method":"DELETE","path":"{{uri}}","version":"W/\"7\""}""",
            Patch(uri, """{"op":"replace","path":"title","value":"fresh"}""", "W/\"1\""),
            Patch(uri, """{"op":"replace","path":"title","value":"again"}""", "\"2\""))));

        Assert.Equal(["412", "412", "204", "204"], results.Select(Status));
        Assert.Contains("W/\"1\"", results[0]!["response"]!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var current = await GetAsync(client, uri);
        Assert.Equal(("again", "W/\"3\""), (current["title"]!.GetValue<string>(), current["meta"]!["version"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AnotherTenantsResources_Are404LikeAnyOtherRequest_AndStayUntouched()
    {
        using var other = factory.CreateScimClient(factory.OtherTenantToken);
        var foreignUser = await other.CreateUserAsync(ScimHttp.UniqueName("foreign"));
        var foreignGroup = await other.CreateGroupAsync(ScimHttp.UniqueName("foreign"), foreignUser.Id());
        using var client = factory.CreateScimClient();

        var results = await BulkAsync(client, Body(string.Join(",",
            $$$"""{"method":"PUT","path":"/Users/{{{foreignUser.Id()}}}","data":{"userName":"hijacked"}}""",
            Patch($"/Groups/{foreignGroup.Id()}", """{"op":"remove","path":"members"}"""),
            $$"""{"method":"DELETE","path":"/Users/{{foreignUser.Id()}}"}""")));

        Assert.Equal(["404", "404", "404"], results.Select(Status));
        var user = await GetAsync(other, $"/Users/{foreignUser.Id()}");
        Assert.Equal((foreignUser["userName"]!.GetValue<string>(), "W/\"1\""), (user["userName"]!.GetValue<string>(), user["meta"]!["version"]!.GetValue<string>()));
        Assert.Equal([foreignUser.Id()], MemberIds(await GetAsync(other, $"/Groups/{foreignGroup.Id()}")));
    }

    [Fact]
    public async Task FailedOperations_LeaveNothingHalfWritten()
    {
        using var client = factory.CreateScimClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName(), ""","title":"Original" """);
        var groupName = ScimHttp.UniqueName("g");

        var results = await BulkAsync(client, Body(string.Join(",",
            $$$"""{"method":"PUT","path":"/Users/{{{user.Id()}}}","data":{"userName":"x","title":"Changed","active":"maybe"}}""",
            Patch($"/Users/{user.Id()}", """{"op":"replace","path":"title","value":"Changed"},{"op":"replace","path":"active","value":{"no":1}}"""),
            PostUserData("broken", """{"userName":{"no":1}}"""),
            PostGroup("group", groupName, "bulkId:broken"))));

        Assert.Equal(["400", "400", "400", "409"], results.Select(Status));
        var current = await GetAsync(client, $"/Users/{user.Id()}");
        Assert.Equal(("Original", "W/\"1\""), (current["title"]!.GetValue<string>(), current["meta"]!["version"]!.GetValue<string>()));
        Assert.Equal(0, await CountAsync(client, "Groups", $"displayName eq \"{groupName}\""));
        Assert.Contains("Operations[2], the POST that defines it, failed", results[3]!["response"]!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedResults_CarryTheScimErrorBody_AndAFailedPostHasNoLocation()
    {
        using var client = factory.CreateScimClient();
        var results = await BulkAsync(client, Body(string.Join(",",
            PostGroup("g", ScimHttp.UniqueName("g"), "bulkId:nobody"),
            """{"method":"DELETE","path":"/Widgets/1"}""",
            """{"method":"DELETE","path":"/Users/missing"}""")));

        Assert.Equal(["409", "404", "404"], results.Select(Status));
        var error = results[0]!["response"]!;
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:Error", error["schemas"]![0]!.GetValue<string>());
        Assert.Equal(("409", "invalidValue"), (error["status"]!.GetValue<string>(), error["scimType"]!.GetValue<string>()));
        Assert.Contains("'bulkId:nobody' names no POST", error["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(results[0]!["location"]);
        Assert.Null(results[1]!["location"]);
        Assert.Contains("/Widgets", results[1]!["response"]!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith("/scim/v2/Users/missing", results[2]!["location"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BulkIdInAPathAndInAPatchFilter_NameTheNewResources()
    {
        using var client = factory.CreateScimClient();
        var results = await BulkAsync(client, Body(string.Join(",",
            Patch("/Groups/bulkId:g", """{"op":"remove","path":"members[value eq \"bulkId:u\"]"}"""),
            PostGroup("g", ScimHttp.UniqueName("g"), "bulkId:u", "bulkId:v"),
            PostUser("u", ScimHttp.UniqueName()),
            PostUser("v", ScimHttp.UniqueName()))));

        Assert.Equal(["204", "201", "201", "201"], results.Select(Status));
        Assert.Equal(results[1]!["location"]!.GetValue<string>(), results[0]!["location"]!.GetValue<string>());
        Assert.Equal([IdAt(results[3])], MemberIds(await GetAsync(client, $"/Groups/{IdAt(results[1])}")));
    }

    [Fact]
    public async Task DuplicateBulkIds_RejectTheWholeRequest_BeforeAnythingRuns()
    {
        using var client = factory.CreateScimClient();
        var name = ScimHttp.UniqueName();
        var response = await client.PostAsync("/scim/v2/Bulk", ScimHttp.Json(Body(string.Join(",",
            PostUser("same", name), PostUser("same", ScimHttp.UniqueName())))));

        await response.AssertScimErrorAsync(400, "invalidValue");
        Assert.Equal(0, await CountAsync(client, "Users", $"userName eq \"{name}\""));
    }

    [Theory]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"]}""", "invalidSyntax")]
    [InlineData("""{"Operations":[{"method":"GET","path":"/Users"}]}""", "invalidValue")]
    [InlineData("""{"Operations":[{"method":"POST","path":"/Users","data":{"userName":"no-bulk-id"}}]}""", "invalidValue")]
    [InlineData("""{"Operations":[],"failOnErrors":0}""", "invalidValue")]
    [InlineData("""{"Operations":[""", "invalidSyntax")]
    public async Task MalformedBulkRequest_Is400(string body, string scimType)
    {
        using var client = factory.CreateScimClient();
        await (await client.PostAsync("/scim/v2/Bulk", ScimHttp.Json(body))).AssertScimErrorAsync(400, scimType);
    }

    [Fact]
    public async Task ReadOnlyCredential_Is403()
    {
        using var client = factory.CreateScimClient(factory.ReadOnlyToken);
        var response = await client.PostAsync("/scim/v2/Bulk", ScimHttp.Json(Body(PostUser("u", ScimHttp.UniqueName()))));
        await response.AssertScimErrorAsync(403);
    }

    [Fact]
    public async Task EmptyOperations_AnswerAnEmptyBulkResponse()
    {
        using var client = factory.CreateScimClient();
        Assert.Empty(await BulkAsync(client, Body("")));
    }
}
