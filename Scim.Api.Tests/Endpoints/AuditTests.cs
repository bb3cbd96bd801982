using System.Net;
using System.Text.Json.Nodes;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Endpoints;

public sealed class AuditTests(ScimApiFactory factory) : IClassFixture<ScimApiFactory>
{
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private static string Text(JsonNode? node) => node!.GetValue<string>();

    private static List<string> Changed(JsonNode? record) => [.. record!["changedAttributes"]!.AsArray().Select(Text)];

    private static async Task<HttpResponseMessage> PutUserAsync(HttpClient client, string id, string userName, string extra = "") =>
        await client.PutAsync($"/scim/v2/Users/{id}", ScimHttp.Json(
            $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{userName}}"{{extra}}}"""));

    [Fact]
    public async Task EveryOperation_IsRecordedWithItsCredentialRequestAndVersions_NewestFirst()
    {
        using var client = factory.CreateScimClient();
        using var admin = factory.CreateAdminClient();
        var userName = ScimHttp.UniqueName("audited");
        var user = await client.CreateUserAsync(userName, ""","title":"Engineer" """);
        Assert.Equal(HttpStatusCode.OK, (await PutUserAsync(client, user.Id(), userName, ""","title":"Manager" """)).StatusCode);
        await client.PatchAsync($"/scim/v2/Users/{user.Id()}",
            $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"add","path":"displayName","value":"Audited Person"}]}""");
        await client.DeleteAsync($"/scim/v2/Users/{user.Id()}");
        await admin.RestoreAsync("Users", user.Id());

        var records = await admin.AuditOfAsync(user.Id());

        Assert.Equal(["restore", "delete", "patch", "replace", "create"], records.Select(r => Text(r!["operation"])));
        Assert.Equal(["admin:ops", "writer", "writer", "writer", "writer"], records.Select(r => Text(r!["credentialId"])));
        Assert.Equal(
            [("W/\"3\"", "W/\"4\""), ("W/\"3\"", null), ("W/\"2\"", "W/\"3\""), ("W/\"1\"", "W/\"2\""), (null, "W/\"1\"")],
            records.Select(r => (r!["versionBefore"]?.GetValue<string>(), r["versionAfter"]?.GetValue<string>())));
        Assert.Equal(["title", "userName"], Changed(records[4]));
        Assert.Equal(["title"], Changed(records[3]));
        Assert.Equal(["displayName"], Changed(records[2]));
        Assert.Empty(Changed(records[1]));
        Assert.All(records, r => Assert.False(string.IsNullOrEmpty(r!["requestId"]?.GetValue<string>())));
        Assert.All(records, r => Assert.Equal(ScimApiFactory.Tenant, Text(r!["tenant"])));
        Assert.All(records, r => Assert.Equal("User", Text(r!["resourceType"])));
        var times = records.Select(r => DateTimeOffset.Parse(Text(r!["at"]), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.OrderDescending(), times);
    }

    [Fact]
    public async Task NoRecord_ContainsAttributeValues_ByDefault()
    {
        using var client = factory.CreateScimClient();
        using var admin = factory.CreateAdminClient();
        var userName = ScimHttp.UniqueName("private-user");
        var title = $"Secret Title {Guid.NewGuid():N}";
        var email = $"{Guid.NewGuid():N}@example.com";
        var user = await client.CreateUserAsync(userName, $$""","title":"{{title}}","emails":[{"value":"{{email}}"}],"password":"Pa55word-{{title}}" """);
        var groupName = ScimHttp.UniqueName("private-group");
        var group = await client.CreateGroupAsync(groupName, user.Id());
        await client.PatchAsync($"/scim/v2/Users/{user.Id()}",
            $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"replace","path":"title","value":"{{title}} 2"}]}""");
        await PutUserAsync(client, user.Id(), userName, $$""","title":"{{title}} 3" """);
        await client.DeleteAsync($"/scim/v2/Users/{user.Id()}");
        await admin.RestoreAsync("Users", user.Id());

        var text = (await admin.AuditOfAsync(user.Id())).ToJsonString() + (await admin.AuditOfAsync(group.Id())).ToJsonString();

        Assert.Contains("\"title\"", text, StringComparison.Ordinal);
        foreach (var value in new[] { userName, title, email, groupName, "Pa55word", "pbkdf2" })
        {
            Assert.DoesNotContain(value, text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("\"values\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtensionAttributes_AreNamedWithTheirSchemaUrn()
    {
        using var client = factory.CreateScimClient();
        using var admin = factory.CreateAdminClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName(), $$""","{{Enterprise}}":{"employeeNumber":"1"}""");

        await client.PatchAsync($"/scim/v2/Users/{user.Id()}",
            $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"add","path":"{{Enterprise}}:manager","value":"boss-id"}]}""");

        var records = await admin.AuditOfAsync(user.Id());
        Assert.Equal([$"{Enterprise}:manager"], Changed(records[0]));
        Assert.Equal([$"{Enterprise}:employeeNumber", "userName"], Changed(records[1]));
    }

    [Fact]
    public async Task MembershipChanges_AreRecordedAsMembers_OnlyWhenTheMembersChange()
    {
        using var client = factory.CreateScimClient();
        using var admin = factory.CreateAdminClient();
        var alice = await client.CreateUserAsync(ScimHttp.UniqueName("alice"));
        var bob = await client.CreateUserAsync(ScimHttp.UniqueName("bob"));
        var group = await client.CreateGroupAsync(ScimHttp.UniqueName("g"), alice.Id());
        var uri = $"/scim/v2/Groups/{group.Id()}";

        await client.PatchAsync(uri, $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"add","path":"members","value":[{"value":"{{bob.Id()}}"}]}]}""");
        await client.PutAsync(uri, ScimHttp.Json($$"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"{{ScimHttp.UniqueName("renamed")}}",
             "members":[{"value":"{{alice.Id()}}"},{"value":"{{bob.Id()}}"}]}
            """));
        await client.PutAsync(uri, ScimHttp.Json($$"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"{{ScimHttp.UniqueName("again")}}","members":[{"value":"{{bob.Id()}}"}]}
            """));

        var records = await admin.AuditOfAsync(group.Id());
        Assert.Equal(["displayName", "members"], Changed(records[0]));
        Assert.Equal(["displayName"], Changed(records[1]));
        Assert.Equal(["members"], Changed(records[2]));
        Assert.Equal(["displayName", "members"], Changed(records[3]));
    }

    [Fact]
    public async Task WritesThatFailOrChangeNothing_AreNotRecorded()
    {
        using var client = factory.CreateScimClient();
        using var admin = factory.CreateAdminClient();
        var userName = ScimHttp.UniqueName();
        var user = await client.CreateUserAsync(userName, ""","title":"Same" """);

        var stale = new HttpRequestMessage(HttpMethod.Put, $"/scim/v2/Users/{user.Id()}")
        {
            Content = ScimHttp.Json($$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{userName}}"}"""),
        };
        stale.Headers.TryAddWithoutValidation("If-Match", "W/\"9\"");
        await (await client.SendAsync(stale)).AssertScimErrorAsync(412);
        await (await client.PostAsync("/scim/v2/Users", ScimHttp.Json($$"""{"userName":"{{userName}}"}"""))).AssertScimErrorAsync(409);
        await client.PatchAsync($"/scim/v2/Users/{user.Id()}",
            $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"replace","path":"title","value":"Same"}]}""");

        Assert.Equal(["create"], (await admin.AuditOfAsync(user.Id())).Select(r => Text(r!["operation"])));
    }

    [Fact]
    public async Task AuditQuery_FiltersByTenantTypeAndTime_AndPages()
    {
        using var client = factory.CreateScimClient();
        using var other = factory.CreateScimClient(factory.OtherTenantToken);
        using var admin = factory.CreateAdminClient();
        var from = DateTimeOffset.UtcNow.AddSeconds(-1);
        var mine = await client.CreateUserAsync(ScimHttp.UniqueName());
        var theirs = await other.CreateUserAsync(ScimHttp.UniqueName());
        var group = await client.CreateGroupAsync(ScimHttp.UniqueName("g"));

        async Task<List<string>> IdsAsync(string query) =>
            [.. (await (await admin.GetAsync($"/admin/v1/audit?{query}")).BodyAsync())["records"]!.AsArray().Select(r => Text(r!["resourceId"]))];

        var since = Uri.EscapeDataString(from.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        var tenantA = await IdsAsync($"tenant=tenant-a&from={since}&count=1000");
        Assert.Contains(mine.Id(), tenantA);
        Assert.Contains(group.Id(), tenantA);
        Assert.DoesNotContain(theirs.Id(), tenantA);
        Assert.Contains(theirs.Id(), await IdsAsync($"tenant=tenant-b&from={since}"));
        Assert.DoesNotContain(group.Id(), await IdsAsync($"tenant=tenant-a&resourceType=Users&from={since}&count=1000"));
        Assert.Empty(await IdsAsync($"resourceId={mine.Id()}&to={since}"));
        var page = await (await admin.GetAsync($"/admin/v1/audit?tenant=tenant-a&from={since}&count=1")).BodyAsync();
        Assert.Equal(1, page["itemsPerPage"]!.GetValue<int>());
        Assert.True(page["totalResults"]!.GetValue<long>() >= 2);
    }
}
