using System.Text.Json.Nodes;
using CsCheck;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Projection;
using Scim.Api.Core.Schema;

namespace Scim.Api.Tests.Core.Projection;

/// <summary>Random attribute lists: parsing and projecting only ever fail with a 400 invalidPath.</summary>
public class SelectionRobustnessTests
{
    private static readonly string[] Tokens =
    [
        "emails", "EMAILS", "name", "givenName", "members", "value", "type", "primary", "userName", "id", "meta", "password",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", ":manager", "urn:ietf:params:scim:schemas:extension:acme:2.0:User",
        ".", ",", "[", "]", " ", "eq", "ne", "co", "pr", "and", "or", "not", "(", ")", "\"work\"", "\"a,b\"", "true", "42",
        "null", "\"", "\\", "$ref", "2.0", "é",
    ];

    private static readonly JsonObject StoredUser = JsonNode.Parse($$"""
        {
          "schemas": ["{{ScimSchemaIds.User}}"], "id": "1", "userName": "u", "name": { "givenName": "g" },
          "emails": [ { "value": "a", "type": "work", "primary": true }, { "value": "b" } ],
          "{{ScimSchemaIds.EnterpriseUser}}": { "manager": { "value": "m" } }
        }
        """)!.AsObject();

    [Fact]
    public void RandomAttributeLists_OnlyEverRaiseInvalidPath()
    {
        var type = BuiltInSchemas.UserResourceType;
        var parsed = 0;

        Gen.Select(Gen.OneOf(Tokens).Array[1, 8].Select(string.Concat), Gen.Bool).Sample(
            (text, excluded) =>
            {
                try
                {
                    var selection = excluded ? AttributeSelection.Parse(null, text, type) : AttributeSelection.Parse(text, null, type);
                    var projected = ResourceProjector.Project(StoredUser, type, selection);
                    Assert.Equal("1", (string?)projected["id"]);
                    Interlocked.Increment(ref parsed);
                }
                catch (ScimException error)
                {
                    Assert.Equal((400, ScimErrorType.InvalidPath), (error.Status, error.ScimType));
                }
            },
            iter: 4000);

        Assert.True(parsed > 100, $"only {parsed} lists parsed");
    }
}
