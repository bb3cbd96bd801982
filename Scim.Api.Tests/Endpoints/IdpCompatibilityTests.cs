using System.Net;
using System.Text.Json.Nodes;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Endpoints;

/// <summary>
/// Requests exactly as provisioning clients send them (taken from their source code and documentation), sent through
/// the whole service. Each test is named after the client that sends the form; the README's IdP compatibility table
/// lists the same forms.
/// </summary>
public sealed class IdpCompatibilityTests(ScimApiFactory factory) : IClassFixture<ScimApiFactory>
{
    private const string SearchRequest = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
    private const string GroupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private const string Base = "http://localhost/scim/v2";

    // Filters whose left side is a value path with a sub-attribute.

    [Fact]
    public async Task Entra_MatchesByAFilteredValuePathWithASubAttribute()
    {
        using var client = factory.CreateScimClient();
        var (work, home) = await CreateUsersWithEmailsAsync(client);

        var found = await ListAsync(client, $"emails[type eq \"work\"].value eq \"{work.Email}\"");
        var none = await ListAsync(client, $"emails[type eq \"work\"].value eq \"{home.Email}\"");

        Assert.Equal([work.Id], found);
        Assert.Empty(none);
    }

    [Fact]
    public async Task MicrosoftTutorial_MatchesByAFilteredValuePathComparedAsAWhole_MeaningItsValue()
    {
        using var client = factory.CreateScimClient();
        var (work, home) = await CreateUsersWithEmailsAsync(client);

        var found = await ListAsync(client, $"emails[type eq \"work\"] eq \"{work.Email.ToUpperInvariant()}\"");
        var none = await ListAsync(client, $"emails[type eq \"work\"] eq \"{home.Email}\"");

        Assert.Equal([work.Id], found);
        Assert.Empty(none);
    }

    [Fact]
    public async Task Entra_FilteredValuePathWithASubAttribute_WorksInSearchRequestsToo()
    {
        using var client = factory.CreateScimClient();
        var (work, _) = await CreateUsersWithEmailsAsync(client);
        var filter = $"emails[type eq \\\"work\\\"].value eq \\\"{work.Email}\\\"";
        var body = $$"""{"schemas":["{{SearchRequest}}"],"filter":"{{filter}}"}""";

        var byType = await (await client.PostAsync("/scim/v2/Users/.search", ScimHttp.Json(body))).BodyAsync();
        var acrossTypes = await (await client.PostAsync("/scim/v2/.search", ScimHttp.Json(body))).BodyAsync();

        Assert.Equal(work.Id, (string?)Assert.Single(byType["Resources"]!.AsArray())!["id"]);
        Assert.Equal(work.Id, (string?)Assert.Single(acrossTypes["Resources"]!.AsArray())!["id"]);
    }

    [Fact]
    public async Task AFilteredValuePathWithAnUnknownSubAttribute_IsStillInvalidFilter()
    {
        using var client = factory.CreateScimClient();

        var response = await client.GetAsync($"/scim/v2/Users?filter={Uri.EscapeDataString("emails[type eq \"work\"].nickname eq \"x\"")}");

        await response.AssertScimErrorAsync(400, "invalidFilter");
    }

    // Path-less replace with the whole resource.

    [Fact]
    public async Task Okta_RenamesAGroupWithAPathlessReplaceCarryingItsId()
    {
        using var client = factory.CreateScimClient();
        var group = await client.CreateGroupAsync(ScimHttp.UniqueName("g"));
        var name = ScimHttp.UniqueName("renamed");

        var response = await client.PatchAsync($"/scim/v2/Groups/{group.Id()}",
            $$$"""{"schemas":["{{{ScimHttp.PatchOp}}}"],"Operations":[{"op":"replace","value":{"id":"{{{group.Id()}}}","displayName":"{{{name}}}"}}]}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(name, (string?)(await GetAsync(client, $"/scim/v2/Groups/{group.Id()}"))["displayName"]);
    }

    [Fact]
    public async Task Okta_PathlessReplaceCarryingAnotherId_IsStillMutability()
    {
        using var client = factory.CreateScimClient();
        var group = await client.CreateGroupAsync(ScimHttp.UniqueName("g"));

        var response = await client.PatchAsync($"/scim/v2/Groups/{group.Id()}",
            $$$"""{"schemas":["{{{ScimHttp.PatchOp}}}"],"Operations":[{"op":"replace","value":{"id":"another-id","displayName":"x"}}]}""");

        await response.AssertScimErrorAsync(400, "mutability");
        Assert.Equal((string?)group["displayName"], (string?)(await GetAsync(client, $"/scim/v2/Groups/{group.Id()}"))["displayName"]);
    }

    [Fact]
    public async Task Authentik_RenamesAGroupWithTheWholeGroupAsAPathlessReplace()
    {
        using var client = factory.CreateScimClient();
        var group = await client.CreateGroupAsync(ScimHttp.UniqueName("g"));
        var name = ScimHttp.UniqueName("renamed");

        var response = await client.PatchAsync($"/scim/v2/Groups/{group.Id()}",
            $$$"""{"schemas":["{{{ScimHttp.PatchOp}}}"],"Operations":[{"op":"replace","value":{"schemas":["{{{GroupSchema}}}"],"id":"{{{group.Id()}}}","displayName":"{{{name}}}","externalId":"ak-1"}}]}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var read = await GetAsync(client, $"/scim/v2/Groups/{group.Id()}");
        Assert.Equal(name, (string?)read["displayName"]);
        Assert.Equal("ak-1", (string?)read["externalId"]);
    }

    [Fact]
    public async Task AClientSendingBackTheResourceItRead_WithItsMetaUnchanged_IsAccepted()
    {
        using var client = factory.CreateScimClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName());
        var read = await GetAsync(client, $"/scim/v2/Users/{user.Id()}");
        read["displayName"] = "Echoed Back";
        read["meta"]!["created"] = DateTimeOffset.Parse((string)read["meta"]!["created"]!, System.Globalization.CultureInfo.InvariantCulture)
            .ToOffset(TimeSpan.FromHours(2)).ToString("o", System.Globalization.CultureInfo.InvariantCulture);
        read["meta"]!["version"] = ((string)read["meta"]!["version"]!).Replace("W/", "", StringComparison.Ordinal);

        var response = await client.PatchAsync($"/scim/v2/Users/{user.Id()}",
            $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"replace","value":{{read.ToJsonString()}}}]}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("Echoed Back", (string?)(await GetAsync(client, $"/scim/v2/Users/{user.Id()}"))["displayName"]);
    }

    [Fact]
    public async Task AClientSendingBackAStaleMeta_IsMutability()
    {
        using var client = factory.CreateScimClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName());
        var read = await GetAsync(client, $"/scim/v2/Users/{user.Id()}");
        read["meta"]!["version"] = "W/\"99\"";

        var response = await client.PatchAsync($"/scim/v2/Users/{user.Id()}",
            $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"replace","value":{{read.ToJsonString()}}}]}""");

        await response.AssertScimErrorAsync(400, "mutability");
    }

    // PATCH value for an extension object carrying schemas.

    [Fact]
    public async Task PythonScim_AddsTheEnterpriseExtensionAsAnObjectCarryingItsSchemas()
    {
        using var client = factory.CreateScimClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName());

        var response = await client.PatchAsync($"/scim/v2/Users/{user.Id()}",
            $$$"""{"schemas":["{{{ScimHttp.PatchOp}}}"],"Operations":[{"op":"add","path":"{{{Enterprise}}}","value":{"schemas":["{{{Enterprise}}}"],"employeeNumber":"701984"}}]}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("701984", (string?)(await GetAsync(client, $"/scim/v2/Users/{user.Id()}"))[Enterprise]!["employeeNumber"]);
    }

    [Fact]
    public async Task AnUnknownAttributeInsideAPatchValue_IsInvalidValue_NotInvalidPath()
    {
        using var client = factory.CreateScimClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName());

        var response = await client.PatchAsync($"/scim/v2/Users/{user.Id()}",
            $$$"""{"schemas":["{{{ScimHttp.PatchOp}}}"],"Operations":[{"op":"add","path":"{{{Enterprise}}}","value":{"employeeNumber":"1","favouriteColour":"red"}}]}""");

        await response.AssertScimErrorAsync(400, "invalidValue");
    }

    // $ref on every reference.

    [Fact]
    public async Task EveryClient_ReadsTheAbsoluteReferenceOfEachMemberAndGroup()
    {
        using var client = factory.CreateScimClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName());
        var inner = await client.CreateGroupAsync(ScimHttp.UniqueName("inner"));
        var group = await client.CreateGroupAsync(ScimHttp.UniqueName("g"), user.Id(), inner.Id(), "no-such-resource");

        var members = (await GetAsync(client, $"/scim/v2/Groups/{group.Id()}"))["members"]!.AsArray()
            .ToDictionary(m => (string)m!["value"]!, m => (string?)m!["$ref"]);
        var groups = (await GetAsync(client, $"/scim/v2/Users/{user.Id()}"))["groups"]!.AsArray();

        Assert.Equal($"{Base}/Users/{user.Id()}", members[user.Id()]);
        Assert.Equal($"{Base}/Groups/{inner.Id()}", members[inner.Id()]);
        Assert.Null(members["no-such-resource"]);
        Assert.Equal($"{Base}/Groups/{group.Id()}", (string?)Assert.Single(groups)!["$ref"]);
    }

    [Fact]
    public async Task EveryClient_ReadsTheReferenceFromTheBaseUrlItCalled()
    {
        using var client = factory.CreateScimClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName());
        var group = await client.CreateGroupAsync(ScimHttp.UniqueName("g"), user.Id());
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/scim/v2/Groups/{group.Id()}");
        request.Headers.Host = "scim.example.org";

        var read = await (await client.SendAsync(request)).BodyAsync();

        Assert.Equal($"http://scim.example.org/scim/v2/Users/{user.Id()}", (string?)read["members"]![0]!["$ref"]);
    }

    [Fact]
    public async Task EveryClient_CanAskForTheReferencesAlone()
    {
        using var client = factory.CreateScimClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName());
        var group = await client.CreateGroupAsync(ScimHttp.UniqueName("g"), user.Id());

        var read = await GetAsync(client, $"/scim/v2/Groups/{group.Id()}?attributes=members.$ref");

        Assert.Equal($$"""[{"$ref":"{{Base}}/Users/{{user.Id()}}"}]""", read["members"]!.ToJsonString());
        Assert.Null(read["displayName"]);
    }

    [Fact]
    public async Task Entra_ReadsTheManagersReference_MadeFromItsValue()
    {
        using var client = factory.CreateScimClient();
        var manager = await client.CreateUserAsync(ScimHttp.UniqueName("boss"));
        var user = await client.CreateUserAsync(ScimHttp.UniqueName(),
            $$$""","{{{Enterprise}}}":{"manager":{"value":"{{{manager.Id()}}}","$ref":"https://evil.example/Users/x"}}""");

        var created = user[Enterprise]!["manager"]!;
        var read = (await GetAsync(client, $"/scim/v2/Users/{user.Id()}"))[Enterprise]!["manager"]!;
        var listed = (await (await client.GetAsync($"/scim/v2/Users?filter={Uri.EscapeDataString($"id eq \"{user.Id()}\"")}")).BodyAsync())
            ["Resources"]![0]![Enterprise]!["manager"]!;

        Assert.Equal($"{Base}/Users/{manager.Id()}", (string?)created["$ref"]);
        Assert.Equal($"{Base}/Users/{manager.Id()}", (string?)read["$ref"]);
        Assert.Equal($"{Base}/Users/{manager.Id()}", (string?)listed["$ref"]);
    }

    [Theory]
    [InlineData("Users/{0}")]
    [InlineData("https://idp.example.com/scim/v2/Users/{0}")]
    public async Task Keycloak_AddsMembersNamedOnlyByTheirReference(string reference)
    {
        using var client = factory.CreateScimClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName());
        var group = await client.CreateGroupAsync(ScimHttp.UniqueName("g"));
        var memberRef = string.Format(System.Globalization.CultureInfo.InvariantCulture, reference, user.Id());

        var response = await client.PatchAsync($"/scim/v2/Groups/{group.Id()}",
            $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"add","path":"members","value":[{"$ref":"{{memberRef}}"}]}]}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var member = Assert.Single((await GetAsync(client, $"/scim/v2/Groups/{group.Id()}"))["members"]!.AsArray())!;
        Assert.Equal(user.Id(), (string?)member["value"]);
        Assert.Equal($"{Base}/Users/{user.Id()}", (string?)member["$ref"]);
    }

    [Fact]
    public async Task Keycloak_CreatesAGroupWithMembersNamedOnlyByTheirReference()
    {
        using var client = factory.CreateScimClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName());

        var response = await client.PostAsync("/scim/v2/Groups", ScimHttp.Json(
            $$"""{"schemas":["{{GroupSchema}}"],"displayName":"{{ScimHttp.UniqueName("g")}}","members":[{"$ref":"Users/{{user.Id()}}"}]}"""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(user.Id(), (string?)Assert.Single((await response.BodyAsync())["members"]!.AsArray())!["value"]);
    }

    [Fact]
    public async Task AMemberWithBothValueAndReference_IsTheValue_AndTheClientsReferenceIsNotKept()
    {
        using var client = factory.CreateScimClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName());
        var other = await client.CreateUserAsync(ScimHttp.UniqueName());

        var created = await (await client.PostAsync("/scim/v2/Groups", ScimHttp.Json(
            $$"""{"schemas":["{{GroupSchema}}"],"displayName":"{{ScimHttp.UniqueName("g")}}","members":[{"value":"{{user.Id()}}","$ref":"Users/{{other.Id()}}"}]}"""))).BodyAsync();

        var member = Assert.Single(created["members"]!.AsArray())!;
        Assert.Equal(user.Id(), (string?)member["value"]);
        Assert.Equal($"{Base}/Users/{user.Id()}", (string?)member["$ref"]);
    }

    [Fact]
    public async Task AMemberReferenceThatNamesNoResource_IsInvalidValue()
    {
        using var client = factory.CreateScimClient();
        var group = await client.CreateGroupAsync(ScimHttp.UniqueName("g"));

        var response = await client.PatchAsync($"/scim/v2/Groups/{group.Id()}",
            $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"add","path":"members","value":[{"$ref":"https://idp.example.com/"}]}]}""");

        await response.AssertScimErrorAsync(400, "invalidValue");
    }

    [Fact]
    public async Task AFilterOnAComputedReference_IsInvalidFilter_PointingAtTheValue()
    {
        using var client = factory.CreateScimClient();

        var response = await client.GetAsync($"/scim/v2/Groups?filter={Uri.EscapeDataString("members.$ref pr")}");

        await response.AssertScimErrorAsync(400, "invalidFilter");
        Assert.Contains("members.value", (string?)(await response.BodyAsync())["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schemas_SayThatEachReferenceIsMadeByTheService_AndReturnedByDefault()
    {
        using var client = factory.CreateScimClient();
        var group = await GetAsync(client, "/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group");

        var members = group["attributes"]!.AsArray().Single(a => (string?)a!["name"] == "members")!;
        var reference = members["subAttributes"]!.AsArray().Single(a => (string?)a!["name"] == "$ref")!;

        Assert.Equal("default", (string?)reference["returned"]);
        Assert.Contains("made by the service", (string?)reference["description"], StringComparison.Ordinal);
        Assert.Contains("never stored", (string?)reference["description"], StringComparison.Ordinal);
    }

    // An empty group read back.

    [Fact]
    public async Task Authentik_ReadsAGroupWithoutMembersAsAnEmptyList()
    {
        using var client = factory.CreateScimClient();
        var group = await client.CreateGroupAsync(ScimHttp.UniqueName("g"));
        var uri = $"/scim/v2/Groups/{group.Id()}";

        Assert.Equal("[]", group["members"]?.ToJsonString());
        Assert.Equal("[]", (await GetAsync(client, uri))["members"]?.ToJsonString());
        Assert.Equal("[]", (await GetAsync(client, $"{uri}?attributes=members"))["members"]?.ToJsonString());
        Assert.Null((await GetAsync(client, $"{uri}?attributes=displayName"))["members"]);
        Assert.Null((await GetAsync(client, $"{uri}?excludedAttributes=members"))["members"]);
        var listed = await (await client.GetAsync($"/scim/v2/Groups?filter={Uri.EscapeDataString($"id eq \"{group.Id()}\"")}")).BodyAsync();
        Assert.Equal("[]", listed["Resources"]![0]!["members"]?.ToJsonString());
    }

    [Fact]
    public async Task Authentik_ReadsAGroupWhoseLastMemberWasRemovedAsAnEmptyList()
    {
        using var client = factory.CreateScimClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName());
        var group = await client.CreateGroupAsync(ScimHttp.UniqueName("g"), user.Id());
        await client.PatchAsync($"/scim/v2/Groups/{group.Id()}",
            $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"remove","path":"members[value eq \"{{user.Id()}}\"]"}]}""");

        Assert.Equal("[]", (await GetAsync(client, $"/scim/v2/Groups/{group.Id()}"))["members"]?.ToJsonString());
    }

    private static async Task<JsonObject> GetAsync(HttpClient client, string uri)
    {
        var response = await client.GetAsync(uri);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.BodyAsync();
    }

    private static async Task<List<string>> ListAsync(HttpClient client, string filter)
    {
        var response = await client.GetAsync($"/scim/v2/Users?filter={Uri.EscapeDataString(filter)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.BodyAsync())["Resources"]!.AsArray().Select(r => (string)r!["id"]!)];
    }

    private static async Task<((string Id, string Email) Work, (string Id, string Email) Home)> CreateUsersWithEmailsAsync(HttpClient client)
    {
        var workEmail = $"{ScimHttp.UniqueName("work")}@example.com";
        var homeEmail = $"{ScimHttp.UniqueName("home")}@example.com";
        var work = await client.CreateUserAsync(ScimHttp.UniqueName(), $$""","emails":[{"value":"{{workEmail}}","type":"work"}]""");
        var home = await client.CreateUserAsync(ScimHttp.UniqueName(), $$""","emails":[{"value":"{{homeEmail}}","type":"home"}]""");
        return ((work.Id(), workEmail), (home.Id(), homeEmail));
    }
}
