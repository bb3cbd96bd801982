using System.Text.Json.Nodes;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Endpoints;

/// <summary>With <c>Scim:Audit:IncludeValues</c> on, records carry the new values of what changed, never the password.</summary>
public sealed class AuditValuesTests : IClassFixture<ScimApiFactory>
{
    private readonly ScimApiFactory _factory;

    public AuditValuesTests(ScimApiFactory factory)
    {
        _factory = factory;
        _factory.Settings["Scim:Audit:IncludeValues"] = "true";
    }

    [Fact]
    public async Task Records_CarryTheNewValuesOfTheChangedAttributes_ButNeverThePassword()
    {
        using var client = _factory.CreateScimClient();
        using var admin = _factory.CreateAdminClient();
        var userName = ScimHttp.UniqueName();
        var user = await client.CreateUserAsync(userName, ""","title":"Engineer","password":"Pa55word!" """);
        await client.PatchAsync($"/scim/v2/Users/{user.Id()}",
            $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"replace","path":"title","value":"Manager"},{"op":"replace","path":"password","value":"N3w-Pa55word!"}]}""");

        var records = await admin.AuditOfAsync(user.Id());

        var patch = records[0]!.AsObject();
        Assert.Equal(["password", "title"], patch["changedAttributes"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["title"] = "Manager" }, patch["values"]), patch.ToJsonString());
        Assert.Equal(userName, records[1]!["values"]!["userName"]!.GetValue<string>());
        Assert.DoesNotContain("password", records.ToJsonString().Replace("\"password\",", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Pa55word", records.ToJsonString(), StringComparison.Ordinal);
    }
}
