using System.Text.Json.Nodes;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Paths;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Validation;

namespace Scim.Api.Tests.Core.Validation;

public class NormalizeValueTests
{
    private const string Enterprise = ScimSchemaIds.EnterpriseUser;

    private static readonly ResourceTypeDefinition User = BuiltInSchemas.UserResourceType;

    private static ResolvedAttribute Target(ResourceTypeDefinition type, string? urn, string name, string? sub = null) =>
        type.Resolve(new AttributePath(urn, name, sub)) ?? throw new InvalidOperationException($"{name} does not resolve");

    private static JsonNode? NormalizeUserValue(string value, string? urn, string name, string? sub = null) =>
        ResourceNormalizer.NormalizeValue(JsonNode.Parse(value), Target(User, urn, name, sub), User);

    [Theory]
    [InlineData("\"True\"", null, "active", null, "true")]
    [InlineData("\"bjensen\"", null, "USERNAME", null, "\"bjensen\"")]
    [InlineData("{ \"GivenName\": \"B\", \"bogus\": 1 }", null, "name", null, "{ \"givenName\": \"B\" }")]
    [InlineData("\"Jensen\"", null, "name", "familyName", "\"Jensen\"")]
    [InlineData("{ \"value\": \"a@b.c\", \"primary\": \"true\" }", null, "emails", null, "[ { \"value\": \"a@b.c\", \"primary\": true } ]")]
    [InlineData("[ { \"value\": \"a@b.c\" }, null ]", null, "emails", null, "[ { \"value\": \"a@b.c\" } ]")]
    [InlineData("\"False\"", null, "emails", "primary", "false")]
    [InlineData("\"m1\"", Enterprise, "manager", null, "{ \"value\": \"m1\" }")]
    [InlineData("{ \"value\": \"m1\", \"displayName\": \"Boss\" }", Enterprise, "manager", null, "{ \"value\": \"m1\" }")]
    [InlineData("\"E7\"", null, "employeeNumber", null, "\"E7\"")]
    [InlineData("{ \"Department\": \"Eng\", \"manager\": \"m1\", \"nonsense\": 1 }", "urn:ietf:params:scim:schemas:extension:enterprise:2.0", "User", null, "{ \"department\": \"Eng\", \"manager\": { \"value\": \"m1\" } }")]
    [InlineData("{ \"x\": { \"y\": null, \"z\": 1 } }", "urn:ietf:params:scim:schemas:extension:acme:2.0", "User", null, "{ \"x\": { \"z\": 1 } }")]
    [InlineData("{ \"deep\": [1, null] }", "urn:ietf:params:scim:schemas:extension:acme:2.0:User", "badge", null, "{ \"deep\": [1] }")]
    public void NormalizeValue_AppliesTheBodyRulesToTheTarget(string value, string? urn, string name, string? sub, string expected)
    {
        JsonAssert.Equal(expected, NormalizeUserValue(value, urn, name, sub));
    }

    [Theory]
    [InlineData("null", null, "displayName", null)]
    [InlineData("[]", null, "emails", null)]
    [InlineData("{ \"givenName\": null }", null, "name", null)]
    [InlineData("[ { \"value\": \"g1\" } ]", null, "groups", null)]
    [InlineData("\"x\"", null, "id", null)]
    [InlineData("\"Boss\"", Enterprise, "manager", "displayName")]
    [InlineData("{ \"nonsense\": 1 }", "urn:ietf:params:scim:schemas:extension:enterprise:2.0", "User", null)]
    public void NormalizeValue_NothingAssignable_IsNull(string value, string? urn, string name, string? sub)
    {
        Assert.Null(NormalizeUserValue(value, urn, name, sub));
    }

    [Fact]
    public void NormalizeValue_MembersAsBareIds_AreMemberObjects()
    {
        var group = BuiltInSchemas.GroupResourceType;

        var value = ResourceNormalizer.NormalizeValue(
            JsonNode.Parse("""[ "u1", { "value": "u2", "displayName": "Two" } ]"""), Target(group, null, "members"), group);

        JsonAssert.Equal("""[ { "value": "u1" }, { "value": "u2", "display": "Two" } ]""", value);
    }

    [Theory]
    [InlineData("{}", null, "active", null, "Attribute 'active' must be a boolean, got an object.")]
    [InlineData("\"maybe\"", null, "emails", "primary", "Attribute 'emails.primary' must be a boolean, got a string.")]
    [InlineData("5", Enterprise, "manager", "value", "Attribute 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value' must be a string, got a number.")]
    [InlineData("\"x\"", "urn:ietf:params:scim:schemas:extension:enterprise:2.0", "User", null, "Extension 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User' must be a JSON object, got a string.")]
    public void NormalizeValue_WrongType_IsInvalidValue(string value, string? urn, string name, string? sub, string detail)
    {
        var error = Assert.Throws<ScimException>(() => NormalizeUserValue(value, urn, name, sub));

        Assert.Equal((ScimErrorType.InvalidValue, detail), (error.ScimType, error.Detail));
    }

    [Fact]
    public void NormalizeValue_NeverModifiesTheValue()
    {
        var value = JsonNode.Parse("""[ "u1", { "value": "u2", "displayName": "Two" } ]""")!;
        var before = value.ToJsonString();

        ResourceNormalizer.NormalizeValue(value, Target(BuiltInSchemas.GroupResourceType, null, "members"), BuiltInSchemas.GroupResourceType);

        Assert.Equal(before, value.ToJsonString());
    }
}
