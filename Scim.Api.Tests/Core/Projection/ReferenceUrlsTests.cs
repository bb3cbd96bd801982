using System.Text.Json.Nodes;
using Scim.Api.Core.Projection;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;

namespace Scim.Api.Tests.Core.Projection;

public class ReferenceUrlsTests
{
    private const string Base = "https://scim.example.com/scim/v2/";
    private static readonly ReferenceUrls References = new(Base, SchemaRegistry.CreateDefault());

    [Fact]
    public void Apply_GivesTheManagerTheUriOfItsUser_ReplacingAnyStoredReference()
    {
        var user = new JsonObject
        {
            ["userName"] = "a",
            [ScimSchemaIds.EnterpriseUser] = JsonNode.Parse("""{"manager":{"$ref":"https://evil.example/x","value":"m 1","displayName":"Boss"}}"""),
        };

        References.Apply(user, BuiltInSchemas.UserResourceType);

        Assert.Equal(
            """{"value":"m 1","displayName":"Boss","$ref":"https://scim.example.com/scim/v2/Users/m%201"}""",
            user[ScimSchemaIds.EnterpriseUser]!["manager"]!.ToJsonString());
    }

    [Fact]
    public void Apply_CompletesTheStoresRelationReferences_AndDropsAnyOther()
    {
        var group = new JsonObject
        {
            ["members"] = new JsonArray(
                new JsonObject { ["value"] = "u1", ["$ref"] = RelationReference.Of("User", "u1") },
                new JsonObject { ["value"] = "g1", ["$ref"] = RelationReference.Of("Group", "g1") },
                new JsonObject { ["value"] = "x1", ["$ref"] = RelationReference.Of("Printer", "x1") },
                new JsonObject { ["value"] = "ghost" }),
        };

        References.Apply(group, BuiltInSchemas.GroupResourceType);

        Assert.Equal(
            """[{"value":"u1","$ref":"https://scim.example.com/scim/v2/Users/u1"},{"value":"g1","$ref":"https://scim.example.com/scim/v2/Groups/g1"},{"value":"x1"},{"value":"ghost"}]""",
            group["members"]!.ToJsonString());
    }

    [Fact]
    public void Apply_Twice_GivesTheSameReferences()
    {
        var group = new JsonObject { ["members"] = new JsonArray(new JsonObject { ["value"] = "u1", ["$ref"] = RelationReference.Of("User", "u1") }) };

        References.Apply(group, BuiltInSchemas.GroupResourceType);
        var once = group.ToJsonString();
        References.Apply(group, BuiltInSchemas.GroupResourceType);

        Assert.Equal(once, group.ToJsonString());
    }
}
