using System.Text.Json.Nodes;
using Scim.Api.Core.Schema;

namespace Scim.Api.Tests.Core.Schema;

public class SchemaJsonTests
{
    private static JsonObject AttributeJson(JsonObject schema, string name) =>
        schema["attributes"]!.AsArray().Select(a => a!.AsObject()).Single(a => (string?)a["name"] == name);

    [Fact]
    public void SchemaToJson_HasTheRfc7643Section7Shape()
    {
        var json = SchemaJson.ToJson(BuiltInSchemas.Group, "https://example.com/scim/v2/Schemas/" + ScimSchemaIds.Group);

        Assert.Equal(["schemas", "id", "name", "description", "attributes", "meta"], json.Select(p => p.Key));
        Assert.Equal(ScimSchemaIds.Schema, (string?)json["schemas"]![0]);
        Assert.Equal((ScimSchemaIds.Group, "Group", "Group"), ((string?)json["id"], (string?)json["name"], (string?)json["description"]));
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse($$"""{ "resourceType": "Schema", "location": "https://example.com/scim/v2/Schemas/{{ScimSchemaIds.Group}}" }"""),
            json["meta"]));
    }

    [Fact]
    public void SchemaToJson_SimpleAttribute_HasEveryCharacteristic()
    {
        var userName = AttributeJson(SchemaJson.ToJson(BuiltInSchemas.User, null), "userName");

        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse($$"""
                {
                  "name": "userName", "type": "string", "multiValued": false, "description": "{{BuiltInSchemas.User.Attributes[0].Description}}",
                  "required": true, "caseExact": false, "mutability": "readWrite", "returned": "default", "uniqueness": "server"
                }
                """),
            userName));
    }

    [Fact]
    public void SchemaToJson_ComplexAttribute_HasSubAttributesAndNoCaseExact()
    {
        var members = AttributeJson(SchemaJson.ToJson(BuiltInSchemas.Group, null), "members");

        Assert.Equal("complex", (string?)members["type"]);
        Assert.False(members.ContainsKey("caseExact"));
        var subs = members["subAttributes"]!.AsArray().Select(s => s!.AsObject()).ToList();
        Assert.Equal(["value", "$ref", "display", "type"], subs.Select(s => (string?)s["name"]));
        var reference = subs[1];
        Assert.Equal(("reference", "immutable"), ((string?)reference["type"], (string?)reference["mutability"]));
        Assert.Equal(["User", "Group"], reference["referenceTypes"]!.AsArray().Select(v => (string?)v));
        Assert.Equal(["User", "Group"], subs[3]["canonicalValues"]!.AsArray().Select(v => (string?)v));
    }

    [Fact]
    public void SchemaToJson_Password_IsWriteOnlyAndNeverReturned()
    {
        var password = AttributeJson(SchemaJson.ToJson(BuiltInSchemas.User, null), "password");

        Assert.Equal(("writeOnly", "never"), ((string?)password["mutability"], (string?)password["returned"]));
    }

    [Fact]
    public void SchemaToJson_AttributesWithoutCanonicalValuesOrReferences_OmitThoseKeys()
    {
        var displayName = AttributeJson(SchemaJson.ToJson(BuiltInSchemas.User, null), "displayName");

        Assert.False(displayName.ContainsKey("canonicalValues"));
        Assert.False(displayName.ContainsKey("referenceTypes"));
    }

    [Fact]
    public void SchemaToJson_WithoutLocation_HasOnlyTheResourceTypeInMeta()
    {
        var json = SchemaJson.ToJson(BuiltInSchemas.EnterpriseUser, null);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "resourceType": "Schema" }"""), json["meta"]));
    }

    [Fact]
    public void ResourceTypeToJson_User_HasTheRfc7643Section6Shape()
    {
        var json = SchemaJson.ToJson(BuiltInSchemas.UserResourceType, "https://example.com/scim/v2/ResourceTypes/User");

        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse($$"""
                {
                  "schemas": ["{{ScimSchemaIds.ResourceType}}"],
                  "id": "User", "name": "User", "endpoint": "/Users", "description": "User Account",
                  "schema": "{{ScimSchemaIds.User}}",
                  "schemaExtensions": [ { "schema": "{{ScimSchemaIds.EnterpriseUser}}", "required": false } ],
                  "meta": { "resourceType": "ResourceType", "location": "https://example.com/scim/v2/ResourceTypes/User" }
                }
                """),
            json));
    }

    [Fact]
    public void ResourceTypeToJson_WithoutExtensions_OmitsSchemaExtensions()
    {
        var json = SchemaJson.ToJson(BuiltInSchemas.GroupResourceType, null);

        Assert.False(json.ContainsKey("schemaExtensions"));
        Assert.Equal("/Groups", (string?)json["endpoint"]);
    }
}
