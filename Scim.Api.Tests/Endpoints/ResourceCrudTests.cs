using System.Net;
using System.Text.Json.Nodes;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Endpoints;

public sealed class ResourceCrudTests(ScimApiFactory factory) : IClassFixture<ScimApiFactory>
{
    [Fact]
    public async Task Post_Is201_WithLocationETagAndServerMeta()
    {
        using var client = factory.CreateScimClient();
        var name = ScimHttp.UniqueName();
        var response = await client.PostAsync("/scim/v2/Users", ScimHttp.Json($$"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{name}}","id":"client-id",
             "meta":{"created":"2001-01-01T00:00:00Z","version":"W/\"99\""} }
            """));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(ScimHttp.ScimJson, response.Content.Headers.ContentType?.MediaType);
        var body = await response.BodyAsync();
        var id = body.Id();
        Assert.NotEqual("client-id", id);
        Assert.Equal(name, body["userName"]!.GetValue<string>());
        Assert.Equal($"http://localhost/scim/v2/Users/{id}", response.Headers.Location?.ToString());
        Assert.Equal("W/\"1\"", response.Headers.ETag?.ToString());
        var meta = body["meta"]!;
        Assert.Equal("User", meta["resourceType"]!.GetValue<string>());
        Assert.Equal($"http://localhost/scim/v2/Users/{id}", meta["location"]!.GetValue<string>());
        Assert.Equal("W/\"1\"", meta["version"]!.GetValue<string>());
        Assert.NotEqual("2001-01-01T00:00:00Z", meta["created"]!.GetValue<string>());
    }

    [Fact]
    public async Task ResponseJson_IsNotHtmlEscaped()
    {
        using var client = factory.CreateScimClient();
        var name = ScimHttp.UniqueName("o'brien<x>");
        var response = await client.PostAsync("/scim/v2/Users", ScimHttp.Json($$"""{"userName":"{{name}}"}"""));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"version\":\"W/\\\"1\\\"\"", text, StringComparison.Ordinal);
        Assert.Contains(name, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Password_IsAcceptedButNeverReturned()
    {
        using var client = factory.CreateScimClient();
        var created = await client.CreateUserAsync(ScimHttp.UniqueName(), ""","password":"s3cret-Passw0rd" """);
        Assert.Null(created["password"]);
        var fetched = await (await client.GetAsync($"/scim/v2/Users/{created.Id()}?attributes=password")).BodyAsync();
        Assert.Null(fetched["password"]);
        var listed = await (await client.GetAsync($"/scim/v2/Users?filter=id eq \"{created.Id()}\"")).BodyAsync();
        Assert.DoesNotContain("s3cret", listed.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Is200WithETag_AndIfNoneMatchGives304()
    {
        using var client = factory.CreateScimClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName());
        var response = await client.GetAsync($"/scim/v2/Users/{user.Id()}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("W/\"1\"", response.Headers.ETag?.ToString());

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/scim/v2/Users/{user.Id()}");
        conditional.Headers.TryAddWithoutValidation("If-None-Match", "W/\"1\"");
        var notModified = await client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task Get_UnknownId_Is404WithScimBody()
    {
        using var client = factory.CreateScimClient();
        await (await client.GetAsync("/scim/v2/Users/does-not-exist")).AssertScimErrorAsync(404);
    }

    [Fact]
    public async Task Put_Is200_ReplacesAttributesAndBumpsVersion()
    {
        using var client = factory.CreateScimClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName(), ""","title":"Engineer","nickName":"Bob" """);
        var response = await client.PutAsync($"/scim/v2/Users/{user.Id()}", ScimHttp.Json($$"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{user["userName"]}}","title":"Manager"}
            """));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.BodyAsync();
        Assert.Equal("Manager", body["title"]!.GetValue<string>());
        Assert.Null(body["nickName"]);
        Assert.Equal("W/\"2\"", response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Patch_Is204ByDefault_And200WithPreferOrAttributes()
    {
        using var client = factory.CreateScimClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName());
        var uri = $"/scim/v2/Users/{user.Id()}";
        const string patch = """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"title","value":"A"}]}""";

        var noContent = await client.PatchAsync(uri, patch);
        Assert.Equal(HttpStatusCode.NoContent, noContent.StatusCode);
        Assert.Equal("W/\"2\"", noContent.Headers.ETag?.ToString());

        using var prefer = new HttpRequestMessage(HttpMethod.Patch, uri) { Content = ScimHttp.Json(patch.Replace("\"A\"", "\"B\"", StringComparison.Ordinal)) };
        prefer.Headers.TryAddWithoutValidation("Prefer", "return=representation");
        var withBody = await client.SendAsync(prefer);
        Assert.Equal(HttpStatusCode.OK, withBody.StatusCode);
        Assert.Equal("B", (await withBody.BodyAsync())["title"]!.GetValue<string>());

        var projected = await client.PatchAsync(uri + "?attributes=title", patch.Replace("\"A\"", "\"C\"", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, projected.StatusCode);
        var body = await projected.BodyAsync();
        Assert.Equal("C", body["title"]!.GetValue<string>());
        Assert.Null(body["userName"]);
    }

    [Fact]
    public async Task Patch_ThatChangesNothing_KeepsTheVersion()
    {
        using var client = factory.CreateScimClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName(), ""","title":"Same" """);
        var response = await client.PatchAsync($"/scim/v2/Users/{user.Id()}",
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"title","value":"Same"}]}""");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("W/\"1\"", response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Delete_Is204_ThenTheResourceIs404()
    {
        using var client = factory.CreateScimClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName());
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/scim/v2/Users/{user.Id()}")).StatusCode);
        await (await client.GetAsync($"/scim/v2/Users/{user.Id()}")).AssertScimErrorAsync(404);
        await (await client.DeleteAsync($"/scim/v2/Users/{user.Id()}")).AssertScimErrorAsync(404);
    }

    [Fact]
    public async Task DuplicateUserName_InAnyLetterCase_Is409Uniqueness()
    {
        using var client = factory.CreateScimClient();
        var name = ScimHttp.UniqueName("Émile");
        await client.CreateUserAsync(name);
        var response = await client.PostAsync("/scim/v2/Users", ScimHttp.Json($$"""{"userName":"{{name.ToUpperInvariant()}}"}"""));
        await response.AssertScimErrorAsync(409, "uniqueness");
    }

    [Fact]
    public async Task DuplicateGroupDisplayName_Is409Uniqueness()
    {
        using var client = factory.CreateScimClient();
        var name = ScimHttp.UniqueName("group");
        await client.CreateGroupAsync(name);
        var response = await client.PostAsync("/scim/v2/Groups", ScimHttp.Json($$"""{"displayName":"{{name}}"}"""));
        await response.AssertScimErrorAsync(409, "uniqueness");
    }

    [Fact]
    public async Task IfMatch_WithStaleVersion_Is412_AndWithCurrentVersionSucceeds()
    {
        using var client = factory.CreateScimClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName());
        var uri = $"/scim/v2/Users/{user.Id()}";
        const string patch = """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"title","value":"X"}]}""";

        await (await client.PatchAsync(uri, patch, ifMatch: "W/\"7\"")).AssertScimErrorAsync(412);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PatchAsync(uri, patch, ifMatch: "W/\"1\"")).StatusCode);

        using var staleDelete = new HttpRequestMessage(HttpMethod.Delete, uri);
        staleDelete.Headers.TryAddWithoutValidation("If-Match", "W/\"1\"");
        await (await client.SendAsync(staleDelete)).AssertScimErrorAsync(412);

        using var put = new HttpRequestMessage(HttpMethod.Put, uri) { Content = ScimHttp.Json($$"""{"userName":"{{user["userName"]}}"}""") };
        put.Headers.TryAddWithoutValidation("If-Match", "\"2\"");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(put)).StatusCode);
    }

    [Fact]
    public async Task FailingPatchOperation_LeavesTheResourceUnchanged()
    {
        using var client = factory.CreateScimClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName(), ""","title":"Before" """);
        var response = await client.PatchAsync($"/scim/v2/Users/{user.Id()}", """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
              {"op":"replace","path":"title","value":"After"},
              {"op":"replace","path":"active","value":{"not":"a boolean"}}]}
            """);
        Assert.Equal(400, (int)response.StatusCode);
        var fetched = await (await client.GetAsync($"/scim/v2/Users/{user.Id()}")).BodyAsync();
        Assert.Equal("Before", fetched["title"]!.GetValue<string>());
        Assert.Equal("W/\"1\"", fetched["meta"]!["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task EnterpriseExtension_AndUndeclaredExtension_PersistAndAppearInSchemas()
    {
        using var client = factory.CreateScimClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName(), """
            ,"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"42","manager":"boss-id"},
             "urn:ietf:params:scim:schemas:extension:acme:2.0:User":{"badge":"B-7","floors":[3,4]}
            """);
        var fetched = await (await client.GetAsync($"/scim/v2/Users/{user.Id()}")).BodyAsync();
        Assert.Equal("42", fetched["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]!["employeeNumber"]!.GetValue<string>());
        Assert.Equal("boss-id", fetched["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]!["manager"]!["value"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"badge":"B-7","floors":[3,4]}"""), fetched["urn:ietf:params:scim:schemas:extension:acme:2.0:User"]));
        var schemas = fetched["schemas"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
        Assert.Contains("urn:ietf:params:scim:schemas:extension:acme:2.0:User", schemas);
        Assert.Contains("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", schemas);
    }

    [Fact]
    public async Task ActiveFalse_IsNotADelete_TheUserStaysVisible()
    {
        using var client = factory.CreateScimClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName(), ""","active":"True" """);
        Assert.True(user["active"]!.GetValue<bool>());
        await client.PatchAsync($"/scim/v2/Users/{user.Id()}",
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}""");
        var fetched = await (await client.GetAsync($"/scim/v2/Users/{user.Id()}")).BodyAsync();
        Assert.False(fetched["active"]!.GetValue<bool>());
    }
}
