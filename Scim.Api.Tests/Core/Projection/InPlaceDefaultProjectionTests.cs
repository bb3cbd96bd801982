using System.Text.Json.Nodes;
using CsCheck;
using Scim.Api.Core.Projection;
using Scim.Api.Core.Schema;
using Scim.Api.Tests.Core.Validation;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Core.Projection;

/// <summary>
/// <see cref="ResourceProjector.ProjectOwned"/> reshapes the default selection in place; it must give exactly what the
/// copying <see cref="ResourceProjector.Project"/> gives, attribute order included, for any document.
/// </summary>
public class InPlaceDefaultProjectionTests
{
    [Fact]
    public void ProjectOwned_DefaultSelection_ReshapesTheGivenObjectInsteadOfCopying()
    {
        var document = JsonNode.Parse("""{ "id": "1", "userName": "bjensen", "password": "secret", "name": { "givenName": "B" } }""")!.AsObject();

        var projected = ResourceProjector.ProjectOwned(document, BuiltInSchemas.UserResourceType, AttributeSelection.Default);

        Assert.Same(document, projected);
        Assert.Equal(
            $$$"""{"schemas":["{{{ScimSchemaIds.User}}}"],"id":"1","userName":"bjensen","name":{"givenName":"B"}}""",
            projected.ToJsonString());
    }

    [Fact]
    public void ProjectOwned_OtherSelections_LeaveTheInputAlone()
    {
        var type = BuiltInSchemas.UserResourceType;
        var document = JsonNode.Parse("""{ "id": "1", "userName": "bjensen", "displayName": "B" }""")!.AsObject();
        var before = document.ToJsonString();

        var projected = ResourceProjector.ProjectOwned(document, type, AttributeSelection.Parse("userName", null, type));

        Assert.NotSame(document, projected);
        Assert.Equal(before, document.ToJsonString());
        Assert.Equal($$"""{"schemas":["{{ScimSchemaIds.User}}"],"id":"1","userName":"bjensen"}""", projected.ToJsonString());
    }

    [Theory]
    [InlineData("""{ "id": "1", "USERNAME": "a", "userName": "b" }""")]
    [InlineData("""{ "id": "1", "userName": "b", "username": "a" }""")]
    [InlineData("""{ "id": "1", "emails": [ { "VALUE": "a", "value": "b", "Type": "work" } ] }""")]
    [InlineData("""{ "id": "1", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user": { "department": "a" }, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { "division": "b" } }""")]
    [InlineData("""{ "id": "1", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { "Department": "a", "department": "b" } }""")]
    [InlineData("""{ "id": "1", "UserName": "a", "DisplayName": "b", "NAME": { "GivenName": "c" }, "emails": [ null, {}, { "value": null } ], "phoneNumbers": [] }""")]
    [InlineData("""{ "id": "1", "urn:ietf:params:scim:schemas:extension:acme:2.0:User": "not an object", "schemas": ["x"], "meta": null }""")]
    public void ProjectOwned_DefaultSelection_MatchesTheCopyingProjection_OnTrickyUsers(string json)
    {
        AssertSameAsCopy(JsonNode.Parse(json)!.AsObject(), BuiltInSchemas.UserResourceType);
    }

    [Theory]
    [InlineData("""{ "id": "1", "serialNumber": "s", "secret": "x", "diagnostics": "d", "assetTag": "t" }""")]
    [InlineData("""{ "id": "1", "owner": { "value": "v", "pin": "1234", "note": "n", "kind": "k" } }""")]
    [InlineData("""{ "id": "1", "owner": { "pin": "1234", "note": "n" } }""")]
    [InlineData("""{ "id": "1", "Owner": { "VALUE": "v", "Pin": "1" }, "Ports": [ { "Value": "p1", "TYPE": "usb" }, null, { } ] }""")]
    [InlineData("""{ "id": "1", "urn:example:params:scim:schemas:extension:warranty:2.0:Device": { "provider": null } }""")]
    [InlineData("""{ "id": "1", "URN:EXAMPLE:PARAMS:SCIM:SCHEMAS:EXTENSION:WARRANTY:2.0:DEVICE": { "PROVIDER": "p", "years": 3 } }""")]
    public void ProjectOwned_DefaultSelection_MatchesTheCopyingProjection_OnReturnedCharacteristics(string json)
    {
        AssertSameAsCopy(JsonNode.Parse(json)!.AsObject(), TestResourceTypes.Device);
    }

    [Fact]
    public void ProjectOwned_DefaultSelection_MatchesTheCopyingProjection_OnRandomDocuments()
    {
        RandomDocuments.Users.Sample(document => AssertSameAsCopy(document, BuiltInSchemas.UserResourceType), iter: 3000);
        RandomDocuments.Devices.Sample(document => AssertSameAsCopy(document, TestResourceTypes.Device), iter: 3000);
    }

    private static void AssertSameAsCopy(JsonObject document, ResourceTypeDefinition type)
    {
        var expected = ResourceProjector.Project(document, type, AttributeSelection.Default).ToJsonString();

        var actual = ResourceProjector.ProjectOwned((JsonObject)document.DeepClone(), type, AttributeSelection.Default).ToJsonString();

        Assert.Equal(expected, actual);
    }
}
