using System.Text;
using System.Text.Json.Nodes;
using Scim.Api.Core.Projection;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Validation;

namespace Scim.Bench.Micro;

/// <summary>The documents the benchmarks work on: an Entra-shaped user and a group, as the store keeps them.</summary>
internal static class Samples
{
    public static readonly ResourceTypeDefinition UserType = BuiltInSchemas.UserResourceType;
    public static readonly ResourceTypeDefinition GroupType = BuiltInSchemas.GroupResourceType;

    /// <summary>The <c>$ref</c>s a response carries, as the pipeline makes them for a request to this base URL.</summary>
    public static readonly ReferenceUrls References = new("http://127.0.0.1:5000/scim/v2", SchemaRegistry.CreateDefault());

    public const string UserJson = """
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
          "externalId": "0a21f0f2-8d2a-4f8e-bf98-7a5b4c3d2e1f",
          "userName": "ada.lovelace@contoso.example",
          "active": true,
          "displayName": "Ada Lovelace",
          "title": "Senior Engineer",
          "preferredLanguage": "en-US",
          "name": { "formatted": "Ada Lovelace", "familyName": "Lovelace", "givenName": "Ada" },
          "emails": [ { "primary": true, "type": "work", "value": "ada.lovelace@contoso.example" } ],
          "phoneNumbers": [ { "type": "work", "value": "+1 425 555 0100" }, { "type": "mobile", "value": "+1 425 555 0199" } ],
          "addresses": [ { "type": "work", "streetAddress": "1 Main Street", "locality": "Redmond", "postalCode": "98052", "country": "US", "primary": true } ],
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
            "employeeNumber": "701984",
            "department": "Engineering",
            "manager": { "value": "0199a3f4-5c6d-7e8f-9a0b-1c2d3e4f5a6b" }
          }
        }
        """;

    public static readonly byte[] UserUtf8 = Encoding.UTF8.GetBytes(UserJson);

    /// <summary>The user as the pipeline stores it: normalized against the User resource type.</summary>
    public static JsonObject StoredUser() => ResourceNormalizer.Normalize(JsonNode.Parse(UserJson), UserType);

    /// <summary>The user as the API returns it, with id and meta, for projection and serialization.</summary>
    public static JsonObject RepresentedUser()
    {
        var user = StoredUser();
        user["id"] = "0199a3f4-0000-7e8f-9a0b-1c2d3e4f5a6b";
        user["meta"] = new JsonObject
        {
            ["resourceType"] = "User",
            ["created"] = "2025-01-02T03:04:05.0000000Z",
            ["lastModified"] = "2025-01-02T03:04:05.0000000Z",
            ["location"] = "http://127.0.0.1:5000/scim/v2/Users/0199a3f4-0000-7e8f-9a0b-1c2d3e4f5a6b",
            ["version"] = "W/\"1\"",
        };
        user["groups"] = new JsonArray(
            new JsonObject { ["value"] = "g-1", ["display"] = "Engineers", ["type"] = "direct" },
            new JsonObject { ["value"] = "g-2", ["display"] = "Everyone", ["type"] = "direct" });
        return user;
    }

    /// <summary>A group document holding <paramref name="members"/> members inside it, as PATCH sees it when it needs them.</summary>
    public static JsonObject GroupWithMembers(int members)
    {
        var array = new JsonArray();
        for (var i = 0; i < members; i++)
        {
            array.Add(new JsonObject { ["value"] = $"member-{i:D6}", ["type"] = "User" });
        }

        return new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:Group"),
            ["displayName"] = "Engineers",
            ["members"] = array,
        };
    }
}
