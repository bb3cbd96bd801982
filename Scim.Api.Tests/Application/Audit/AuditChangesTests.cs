using System.Text.Json.Nodes;
using Scim.Api.Application.Audit;
using Scim.Api.Core.Schema;

namespace Scim.Api.Tests.Application.Audit;

public class AuditChangesTests
{
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private static readonly ResourceTypeDefinition User = BuiltInSchemas.UserResourceType;

    private static JsonObject? Parse(string? json) => json is null ? null : JsonNode.Parse(json)!.AsObject();

    public static TheoryData<string?, string, string[]> Changes => new()
    {
        { null, """{"schemas":["x"],"userName":"b","title":"t"}""", ["title", "userName"] },
        { """{"userName":"b","title":"t"}""", """{"userName":"b","title":"t"}""", [] },
        { """{"userName":"b","title":"t"}""", """{"userName":"b"}""", ["title"] },
        { """{"userName":"b","name":{"givenName":"B"}}""", """{"userName":"b","name":{"givenName":"C"}}""", ["name"] },
        { """{"userName":"b","meta":{"version":"1"},"id":"1"}""", """{"userName":"b","meta":{"version":"2"},"id":"2"}""", [] },
        {
            $$$"""{"userName":"b","{{{Enterprise}}}":{"manager":{"value":"m1"},"employeeNumber":"7"}}""",
            $$$"""{"userName":"b","{{{Enterprise}}}":{"manager":{"value":"m2"},"employeeNumber":"7"}}""",
            [$"{Enterprise}:manager"]
        },
        { """{"userName":"b"}""", $$$"""{"userName":"b","{{{Enterprise}}}":{"department":"R&D"}}""", [$"{Enterprise}:department"] },
        { """{"userName":"b","emails":[{"value":"a@x"}]}""", """{"userName":"b","emails":[{"value":"a@y"}]}""", ["emails"] },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Between_NamesEveryChangedAttribute_ExtensionAttributesWithTheirUrn(string? before, string after, string[] expected)
    {
        Assert.Equal(expected, AuditChanges.Between(User, Parse(before), Parse(after)));
    }

    [Fact]
    public void ValuesOf_GivesTheNewValues_NullForRemoved_AndNeverThePassword()
    {
        var after = Parse("""{"userName":"b","password":"$pbkdf2-sha512$1$x$y","EXT":{"manager":{"value":"m2"}}}""".Replace("EXT", Enterprise, StringComparison.Ordinal));

        var values = AuditChanges.ValuesOf(User, ["userName", "password", "title", $"{Enterprise}:manager"], after);

        var expected = new JsonObject { ["userName"] = "b", ["title"] = null, [$"{Enterprise}:manager"] = new JsonObject { ["value"] = "m2" } };
        Assert.True(JsonNode.DeepEquals(expected, values), values.ToJsonString());
    }

    [Fact]
    public void ValuesOf_AGroup_LeavesTheMembersToTheirName()
    {
        var values = AuditChanges.ValuesOf(BuiltInSchemas.GroupResourceType, ["displayName", "members"], Parse("""{"displayName":"Admins"}"""));

        Assert.True(JsonNode.DeepEquals(new JsonObject { ["displayName"] = "Admins" }, values), values.ToJsonString());
    }
}
