using System.Text.Json.Nodes;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Patch;
using Scim.Api.Core.Schema;

namespace Scim.Api.Tests.Core.Patch;

/// <summary>Realistic resources and short ways to patch them in tests.</summary>
internal static class PatchTestKit
{
    public const string Enterprise = ScimSchemaIds.EnterpriseUser;

    public static ResourceTypeDefinition UserType => BuiltInSchemas.UserResourceType;

    public static ResourceTypeDefinition GroupType => BuiltInSchemas.GroupResourceType;

    public static JsonObject User() => Json($$"""
        {
          "schemas": ["{{ScimSchemaIds.User}}", "{{Enterprise}}"],
          "id": "2819c223-7f76-453a-919d-413861904646",
          "externalId": "bjensen",
          "userName": "bjensen@example.com",
          "name": { "formatted": "Ms. Barbara J Jensen III", "familyName": "Jensen", "givenName": "Barbara" },
          "displayName": "Babs Jensen",
          "active": true,
          "emails": [
            { "value": "bjensen@example.com", "type": "work", "primary": true },
            { "value": "babs@jensen.org", "type": "home" }
          ],
          "phoneNumbers": [ { "value": "555-555-5555", "type": "work" } ],
          "addresses": [
            { "type": "work", "streetAddress": "100 Universal City Plaza", "locality": "Hollywood", "region": "CA", "postalCode": "91608", "country": "US", "primary": true },
            { "type": "home", "streetAddress": "456 Hollywood Blvd", "locality": "Hollywood", "region": "CA", "postalCode": "91608", "country": "US" }
          ],
          "{{Enterprise}}": {
            "employeeNumber": "701984",
            "department": "Tour Operations",
            "manager": { "value": "26118915-6090-4e7f-8b1c-8f7d3d5bd0ff" }
          },
          "meta": {
            "resourceType": "User",
            "created": "2010-01-23T04:56:22Z",
            "lastModified": "2011-05-13T04:42:34Z",
            "version": "W/\"3694e05e9dff590\"",
            "location": "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646"
          }
        }
        """);

    /// <summary>A user with nothing but the required userName and an id.</summary>
    public static JsonObject MinimalUser() => Json($$"""
        { "schemas": ["{{ScimSchemaIds.User}}"], "id": "u-1", "userName": "alice@example.com" }
        """);

    public static JsonObject Group() => Json($$"""
        {
          "schemas": ["{{ScimSchemaIds.Group}}"],
          "id": "e9e30dba-f08f-4109-8486-d5c6a331660a",
          "displayName": "Tour Guides",
          "members": [
            { "value": "2819c223-7f76-453a-919d-413861904646", "display": "Babs Jensen", "type": "User" },
            { "value": "902c246b-6245-4190-8e05-00816be7344a", "display": "Mandy Pepperidge", "type": "User" },
            { "value": "c3a26dd3-27a0-4dec-a2ac-ce211e105f97", "display": "Ops", "type": "Group" }
          ],
          "meta": { "resourceType": "Group", "created": "2010-01-23T04:56:22Z", "lastModified": "2011-05-13T04:42:34Z" }
        }
        """);

    public static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();

    /// <summary>A PATCH body with the given operation objects.</summary>
    public static string Body(params string[] operations) =>
        $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{{string.Join(",", operations)}}]}""";

    public static JsonObject Apply(JsonObject resource, params string[] operations) =>
        ApplyBody(resource, Body(operations), TypeOf(resource));

    public static JsonObject ApplyBody(JsonObject resource, string body, ResourceTypeDefinition? type = null) =>
        PatchEngine.Apply(resource, PatchRequest.Parse(JsonNode.Parse(body)), type ?? TypeOf(resource));

    public static ScimException ApplyFails(JsonObject resource, params string[] operations)
    {
        var before = resource.DeepClone();
        var error = Assert.Throws<ScimException>(() => Apply(resource, operations));
        Assert.True(JsonNode.DeepEquals(before, resource), "a failed PATCH changed its input");
        return error;
    }

    public static void AssertJson(string expected, JsonNode? actual)
    {
        var expectedNode = JsonNode.Parse(expected);
        Assert.True(
            JsonNode.DeepEquals(expectedNode, actual),
            $"expected {expectedNode?.ToJsonString()}\n  actual {actual?.ToJsonString() ?? "(absent)"}");
    }

    public static void AssertError(ScimException error, int status, string scimType)
    {
        Assert.True(
            error.Status == status && error.ScimType == scimType,
            $"expected {status} {scimType}, got {error.Status} {error.ScimType}: {error.Detail}");
    }

    public static JsonObject EnterpriseOf(JsonObject user) => user[Enterprise]!.AsObject();

    private static ResourceTypeDefinition TypeOf(JsonObject resource) =>
        resource["members"] is not null || resource["schemas"]?.ToJsonString().Contains(":Group", StringComparison.Ordinal) == true
            ? GroupType
            : UserType;
}
