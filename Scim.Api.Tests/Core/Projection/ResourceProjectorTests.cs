using System.Text.Json.Nodes;
using Scim.Api.Core.Projection;
using Scim.Api.Core.Schema;
using Scim.Api.Tests.Core.Validation;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Core.Projection;

public class ResourceProjectorTests
{
    private const string Core = ScimSchemaIds.User;
    private const string Enterprise = ScimSchemaIds.EnterpriseUser;
    private const string Acme = "urn:ietf:params:scim:schemas:extension:acme:2.0:User";

    private static readonly ResourceTypeDefinition User = BuiltInSchemas.UserResourceType;

    private static readonly string StoredUser = $$"""
        {
          "schemas": ["{{Core}}", "{{Enterprise}}"],
          "id": "2819c223",
          "externalId": "ext-1",
          "meta": { "resourceType": "User", "version": "W/\"3\"" },
          "userName": "bjensen",
          "name": { "givenName": "Barbara", "familyName": "Jensen" },
          "displayName": "Babs",
          "password": "t1meMa$heen",
          "emails": [ { "value": "bj@work.example", "type": "work", "primary": true }, { "value": "bj@home.example", "type": "home" } ],
          "groups": [ { "value": "g1", "display": "Admins" } ],
          "{{Enterprise}}": { "employeeNumber": "701984", "manager": { "value": "m1", "displayName": "John" } },
          "{{Acme}}": { "badge": "b1", "floor": 3 }
        }
        """;

    private static JsonObject Project(string? attributes, string? excluded, string resource = "", ResourceTypeDefinition? type = null)
    {
        type ??= User;
        var document = JsonNode.Parse(resource.Length == 0 ? StoredUser : resource)!.AsObject();
        return ResourceProjector.Project(document, type, AttributeSelection.Parse(attributes, excluded, type));
    }

    [Fact]
    public void Project_DefaultSelection_ReturnsEverythingButPassword()
    {
        JsonAssert.Equal($$"""
            {
              "schemas": ["{{Core}}", "{{Enterprise}}", "{{Acme}}"],
              "id": "2819c223",
              "externalId": "ext-1",
              "meta": { "resourceType": "User", "version": "W/\"3\"" },
              "userName": "bjensen",
              "name": { "givenName": "Barbara", "familyName": "Jensen" },
              "displayName": "Babs",
              "emails": [ { "value": "bj@work.example", "type": "work", "primary": true }, { "value": "bj@home.example", "type": "home" } ],
              "groups": [ { "value": "g1", "display": "Admins" } ],
              "{{Enterprise}}": { "employeeNumber": "701984", "manager": { "value": "m1", "displayName": "John" } },
              "{{Acme}}": { "badge": "b1", "floor": 3 }
            }
            """,
            Project(null, null));
    }

    [Theory]
    [InlineData("userName", """{ "userName": "bjensen" }""")]
    [InlineData("USERNAME", """{ "userName": "bjensen" }""")]
    [InlineData("userName,Name.GivenName", """{ "userName": "bjensen", "name": { "givenName": "Barbara" } }""")]
    [InlineData("name", """{ "name": { "givenName": "Barbara", "familyName": "Jensen" } }""")]
    [InlineData("name.givenName,name.familyName", """{ "name": { "givenName": "Barbara", "familyName": "Jensen" } }""")]
    [InlineData("emails.value", """{ "emails": [ { "value": "bj@work.example" }, { "value": "bj@home.example" } ] }""")]
    [InlineData("Emails.Value, emails.TYPE", """{ "emails": [ { "value": "bj@work.example", "type": "work" }, { "value": "bj@home.example", "type": "home" } ] }""")]
    [InlineData("meta.version", """{ "meta": { "version": "W/\"3\"" } }""")]
    [InlineData("meta", """{ "meta": { "resourceType": "User", "version": "W/\"3\"" } }""")]
    [InlineData("groups", """{ "groups": [ { "value": "g1", "display": "Admins" } ] }""")]
    [InlineData("id", "{ }")]
    [InlineData("password", "{ }")]
    [InlineData("nonsense,name.nonsense", "{ }")]
    [InlineData("userName,,  ,", """{ "userName": "bjensen" }""")]
    public void Project_Attributes_ReturnsOnlyTheNamedCoreAttributesAndId(string attributes, string expected)
    {
        var projected = Project(attributes, null);

        var core = JsonNode.Parse(expected)!.AsObject();
        core.Insert(0, "schemas", new JsonArray(Core));
        core.Insert(1, "id", "2819c223");
        JsonAssert.Equal(core.ToJsonString(), projected);
    }

    [Theory]
    [InlineData("emails[type eq \"work\"]", """[ { "value": "bj@work.example", "type": "work", "primary": true } ]""")]
    [InlineData("emails[TYPE EQ \"WORK\"]", """[ { "value": "bj@work.example", "type": "work", "primary": true } ]""")]
    [InlineData("emails[type eq \"work\"].value", """[ { "value": "bj@work.example" } ]""")]
    [InlineData("emails[type eq \"work\" or type eq \"home\"].value", """[ { "value": "bj@work.example" }, { "value": "bj@home.example" } ]""")]
    [InlineData("emails[not (primary eq true)]", """[ { "value": "bj@home.example", "type": "home" } ]""")]
    [InlineData("emails[type eq \"work\"].value,emails[type eq \"home\"].type", """[ { "value": "bj@work.example" }, { "type": "home" } ]""")]
    [InlineData("emails[type eq \"home\"],emails.value", """[ { "value": "bj@work.example" }, { "value": "bj@home.example", "type": "home" } ]""")]
    [InlineData("emails[value co \"work,\"]", null)]
    [InlineData("emails[type eq \"other\"]", null)]
    public void Project_ValueFilteredAttribute_ReturnsOnlyTheMatchingValues(string attributes, string? expectedEmails)
    {
        var projected = Project(attributes, null);

        if (expectedEmails is null)
        {
            Assert.False(projected.ContainsKey("emails"));
        }
        else
        {
            JsonAssert.Equal(expectedEmails, projected["emails"]);
        }

        Assert.Equal(["schemas", "id", .. expectedEmails is null ? Array.Empty<string>() : ["emails"]], projected.Select(p => p.Key));
    }

    [Theory]
    [InlineData(Enterprise + ":manager", """{ "manager": { "value": "m1", "displayName": "John" } }""")]
    [InlineData("URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER:MANAGER", """{ "manager": { "value": "m1", "displayName": "John" } }""")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.manager", """{ "manager": { "value": "m1", "displayName": "John" } }""")]
    [InlineData(Enterprise + ":manager.displayName", """{ "manager": { "displayName": "John" } }""")]
    [InlineData("employeeNumber", """{ "employeeNumber": "701984" }""")]
    [InlineData(Enterprise, """{ "employeeNumber": "701984", "manager": { "value": "m1", "displayName": "John" } }""")]
    public void Project_ExtensionAttributes_ReturnsThemUnderTheirUrn(string attributes, string expected)
    {
        var projected = Project(attributes, null);

        Assert.Equal(["schemas", "id", Enterprise], projected.Select(p => p.Key));
        Assert.Equal([Core, Enterprise], projected["schemas"]!.AsArray().Select(s => (string?)s));
        JsonAssert.Equal(expected, projected[Enterprise]);
    }

    [Theory]
    [InlineData(Acme + ":badge", """{ "badge": "b1" }""")]
    [InlineData(Acme, """{ "badge": "b1", "floor": 3 }""")]
    [InlineData("urn:ietf:params:scim:schemas:extension:acme:2.0:User.FLOOR", """{ "floor": 3 }""")]
    public void Project_UndeclaredExtensionAttributes_AreSelectableByName(string attributes, string expected)
    {
        var projected = Project(attributes, null);

        Assert.Equal([Core, Acme], projected["schemas"]!.AsArray().Select(s => (string?)s));
        JsonAssert.Equal(expected, projected[Acme]);
    }

    [Theory]
    [InlineData("emails,meta", "emails,meta")]
    [InlineData("EMAILS", "emails")]
    [InlineData("id,userName", "userName")]
    [InlineData("password", "")]
    [InlineData("groups,externalId,displayName", "groups,externalId,displayName")]
    public void Project_ExcludedAttributes_ReturnsEverythingElseAndAlwaysId(string excluded, string removed)
    {
        var projected = Project(null, excluded);
        var expected = Project(null, null);
        foreach (var name in removed.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            expected.Remove(name);
        }

        JsonAssert.Equal(expected.ToJsonString(), projected);
        Assert.Equal("2819c223", (string?)projected["id"]);
    }

    [Fact]
    public void Project_ExcludedSubAttribute_KeepsTheRestOfTheParent()
    {
        var projected = Project(null, "name.givenName,emails.primary");

        JsonAssert.Equal("""{ "familyName": "Jensen" }""", projected["name"]);
        JsonAssert.Equal(
            """[ { "value": "bj@work.example", "type": "work" }, { "value": "bj@home.example", "type": "home" } ]""",
            projected["emails"]);
    }

    [Fact]
    public void Project_ExcludedValueFilter_DropsTheMatchingValues()
    {
        var projected = Project(null, "emails[type eq \"home\"]");

        JsonAssert.Equal("""[ { "value": "bj@work.example", "type": "work", "primary": true } ]""", projected["emails"]);
    }

    [Fact]
    public void Project_ExcludedWholeExtension_IsRemovedFromTheDocumentAndSchemas()
    {
        var projected = Project(null, $"{Enterprise},{Acme}");

        Assert.False(projected.ContainsKey(Enterprise));
        Assert.False(projected.ContainsKey(Acme));
        Assert.Equal([Core], projected["schemas"]!.AsArray().Select(s => (string?)s));
    }

    [Fact]
    public void Project_ExtensionLeftEmpty_IsRemovedFromTheDocumentAndSchemas()
    {
        var projected = Project(null, $"employeeNumber,{Enterprise}:manager");

        Assert.False(projected.ContainsKey(Enterprise));
        Assert.Equal([Core, Acme], projected["schemas"]!.AsArray().Select(s => (string?)s));
    }

    [Fact]
    public void Project_BothListsGiven_AttributesWins()
    {
        Assert.Equal(Project("userName", null).ToJsonString(), Project("userName", "userName,id").ToJsonString());
    }

    [Fact]
    public void Project_NeverModifiesTheResource()
    {
        var resource = JsonNode.Parse(StoredUser)!.AsObject();
        var before = resource.ToJsonString();

        ResourceProjector.Project(resource, User, AttributeSelection.Parse("emails[type eq \"work\"].value,name", null, User));
        ResourceProjector.Project(resource, User, AttributeSelection.Parse(null, "name.givenName", User));
        ResourceProjector.Project(resource, User, AttributeSelection.Default);

        Assert.Equal(before, resource.ToJsonString());
    }

    [Fact]
    public void Project_DefaultInstance_BehavesLikeNoSelection()
    {
        var resource = JsonNode.Parse(StoredUser)!.AsObject();

        Assert.Equal(
            Project(null, null).ToJsonString(),
            ResourceProjector.Project(resource, User, AttributeSelection.Default).ToJsonString());
    }

    private static readonly string StoredDevice = $$"""
        {
          "schemas": ["{{TestResourceTypes.DeviceUrn}}"],
          "id": "d1",
          "serialNumber": "SN1",
          "slots": 2,
          "secret": "s3cr3t",
          "diagnostics": "all good",
          "assetTag": "A-7",
          "owner": { "value": "u1", "badge": "b", "note": "n", "pin": "1234", "kind": "person" }
        }
        """;

    [Theory]
    [InlineData(null, null, """{ "serialNumber": "SN1", "slots": 2, "assetTag": "A-7", "owner": { "value": "u1", "badge": "b", "kind": "person" } }""")]
    [InlineData("slots", null, """{ "slots": 2, "assetTag": "A-7" }""")]
    [InlineData("diagnostics", null, """{ "diagnostics": "all good", "assetTag": "A-7" }""")]
    [InlineData("secret", null, """{ "assetTag": "A-7" }""")]
    [InlineData("owner", null, """{ "assetTag": "A-7", "owner": { "value": "u1", "badge": "b", "kind": "person" } }""")]
    [InlineData("owner.note", null, """{ "assetTag": "A-7", "owner": { "note": "n", "kind": "person" } }""")]
    [InlineData("owner.pin", null, """{ "assetTag": "A-7" }""")]
    [InlineData("owner.value", null, """{ "assetTag": "A-7", "owner": { "value": "u1", "kind": "person" } }""")]
    [InlineData(null, "assetTag,slots,owner.kind,owner.badge", """{ "serialNumber": "SN1", "assetTag": "A-7", "owner": { "value": "u1", "kind": "person" } }""")]
    [InlineData(null, "diagnostics,owner.note", """{ "serialNumber": "SN1", "slots": 2, "assetTag": "A-7", "owner": { "value": "u1", "badge": "b", "kind": "person" } }""")]
    [InlineData(null, "owner", """{ "serialNumber": "SN1", "slots": 2, "assetTag": "A-7" }""")]
    public void Project_ReturnedCharacteristic_DecidesWhatAppears(string? attributes, string? excluded, string expected)
    {
        var projected = Project(attributes, excluded, StoredDevice, TestResourceTypes.Device);

        var body = JsonNode.Parse(expected)!.AsObject();
        body.Insert(0, "schemas", new JsonArray(TestResourceTypes.DeviceUrn));
        body.Insert(1, "id", "d1");
        JsonAssert.Equal(body.ToJsonString(), projected);
    }
}
