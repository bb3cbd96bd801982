using System.Text.Json.Nodes;
using Scim.Api.Core.Bulk;
using Scim.Api.Core.Errors;

namespace Scim.Api.Tests.Core.Bulk;

public sealed class BulkRequestParseTests
{
    [Fact]
    public void Parse_RfcExample_ReadsEveryMember()
    {
        var request = BulkRequest.Parse(JsonNode.Parse("""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"failOnErrors":1,"Operations":[
              {"method":"POST","path":"/Users","bulkId":"qwerty","data":{"userName":"Alice"}},
              {"method":"PUT","path":"/Users/b7c14771","version":"W/\"3694e05e9dff591\"","data":{"userName":"Bob"}},
              {"method":"PATCH","path":"/Users/5d8d29d3","version":"W/\"3694e05e9dff592\"","data":{"Operations":[]}},
              {"method":"DELETE","path":"/Users/e9025315","version":"W/\"0ee8add0a938e1a\""}]}
            """), 10);

        Assert.Equal(1, request.FailOnErrors);
        Assert.Equal(
            [(BulkMethod.Post, "/Users", null, "qwerty"), (BulkMethod.Put, "/Users", "b7c14771", null),
             (BulkMethod.Patch, "/Users", "5d8d29d3", null), (BulkMethod.Delete, "/Users", "e9025315", null)],
            request.Operations.Select(o => (o.Method, o.ResourcePath, o.ResourceId, o.BulkId)));
        Assert.Equal([0, 1, 2, 3], request.Operations.Select(o => o.Index));
        Assert.Equal("W/\"3694e05e9dff591\"", request.Operations[1].Version);
        Assert.Equal("Alice", request.Operations[0].Data!["userName"]!.GetValue<string>());
        Assert.Null(request.Operations[3].Data);
    }

    [Theory]
    [InlineData("post", "Users", BulkMethod.Post, "/Users", null)]
    [InlineData(" Put ", "/Users/abc/", BulkMethod.Put, "/Users", "abc")]
    [InlineData("patch", "/Groups/bulkId:qwerty", BulkMethod.Patch, "/Groups", "bulkId:qwerty")]
    [InlineData("DELETE", "/Users/a%20b", BulkMethod.Delete, "/Users", "a b")]
    [InlineData("DELETE", "/Tenants/t1/Devices/d1", BulkMethod.Delete, "/Tenants/t1/Devices", "d1")]
    public void Parse_MethodInAnyCase_AndPathsWithOrWithoutSlashes(string method, string path, BulkMethod expected, string resourcePath, string? id)
    {
        var operation = Assert.Single(BulkRequest.Parse(BulkJson.Request(
            $$$"""{"method":"{{{method}}}","path":"{{{path}}}","bulkId":"b","data":{}}"""), 10).Operations);
        Assert.Equal((expected, resourcePath, id), (operation.Method, operation.ResourcePath, operation.ResourceId));
    }

    [Theory]
    [InlineData("""{"OPERATIONS":[],"FailOnErrors":"2"}""", 2)]
    [InlineData("""{"operations":[]}""", null)]
    [InlineData("""{"schemas":"urn:ietf:params:scim:api:messages:2.0:BulkRequest","Operations":[],"failOnErrors":null}""", null)]
    public void Parse_MemberNamesInAnyCase_SchemasOptional_FailOnErrorsAsString(string body, int? failOnErrors)
    {
        var request = BulkRequest.Parse(JsonNode.Parse(body), 10);
        Assert.Empty(request.Operations);
        Assert.Equal(failOnErrors, request.FailOnErrors);
    }

    [Fact]
    public void Parse_DeleteWithData_IgnoresTheData()
    {
        var operation = Assert.Single(BulkJson.Operations("""{"method":"DELETE","path":"/Users/1","data":"anything"}"""));
        Assert.Null(operation.Data);
    }

    public static TheoryData<string, string, string> InvalidBodies => new()
    {
        { "[]", ScimErrorType.InvalidSyntax, "must be a JSON object" },
        { """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[]}""", ScimErrorType.InvalidSyntax, "BulkRequest" },
        { """{"schemas":{},"Operations":[]}""", ScimErrorType.InvalidSyntax, "'schemas' must be an array" },
        { """{"failOnErrors":1}""", ScimErrorType.InvalidSyntax, "has no 'Operations'" },
        { """{"Operations":{}}""", ScimErrorType.InvalidSyntax, "'Operations' must be an array" },
        { """{"Operations":[],"failOnErrors":0}""", ScimErrorType.InvalidValue, "'failOnErrors' must be a positive integer, not 0" },
        { """{"Operations":[],"failOnErrors":-1}""", ScimErrorType.InvalidValue, "positive integer" },
        { """{"Operations":[],"failOnErrors":1.5}""", ScimErrorType.InvalidValue, "positive integer" },
        { """{"Operations":[],"failOnErrors":"many"}""", ScimErrorType.InvalidValue, "positive integer" },
        { """{"Operations":[42]}""", ScimErrorType.InvalidSyntax, "Operations[0] must be a JSON object" },
        { """{"Operations":[{"path":"/Users/1"}]}""", ScimErrorType.InvalidValue, "Operations[0] has no 'method'" },
        { """{"Operations":[{"method":"GET","path":"/Users/1"}]}""", ScimErrorType.InvalidValue, "'method' \"GET\"" },
        { """{"Operations":[{"method":"DELETE"}]}""", ScimErrorType.InvalidValue, "Operations[0] has no 'path'" },
        { """{"Operations":[{"method":"DELETE","path":7}]}""", ScimErrorType.InvalidValue, "'path' of Operations[0] must be a string" },
        { """{"Operations":[{"method":"DELETE","path":"/Users"}]}""", ScimErrorType.InvalidValue, "must name one resource, such as \"/Users/{id}\"" },
        { """{"Operations":[{"method":"DELETE","path":"/Users/1?x=y"}]}""", ScimErrorType.InvalidValue, "relative path" },
        { """{"Operations":[{"method":"DELETE","path":"/Users//1"}]}""", ScimErrorType.InvalidValue, "relative path" },
        { """{"Operations":[{"method":"DELETE","path":"/"}]}""", ScimErrorType.InvalidValue, "relative path" },
        { """{"Operations":[{"method":"POST","path":"/Users","data":{}}]}""", ScimErrorType.InvalidValue, "POST without a 'bulkId'" },
        { """{"Operations":[{"method":"POST","path":"/Users","bulkId":"","data":{}}]}""", ScimErrorType.InvalidValue, "empty 'bulkId'" },
        { """{"Operations":[{"method":"POST","path":"/Users","bulkId":1,"data":{}}]}""", ScimErrorType.InvalidValue, "'bulkId' of Operations[0] must be a string" },
        { """{"Operations":[{"method":"PUT","path":"/Users/1","version":3,"data":{}}]}""", ScimErrorType.InvalidValue, "'version' of Operations[0] must be a string" },
        { """{"Operations":[{"method":"PUT","path":"/Users/1"}]}""", ScimErrorType.InvalidValue, "Operations[0] (PUT) has no 'data'" },
        { """{"Operations":[{"method":"PATCH","path":"/Users/1","data":[]}]}""", ScimErrorType.InvalidSyntax, "'data' of Operations[0] must be a JSON object" },
        {
            """{"Operations":[{"method":"POST","path":"/Users","bulkId":"a","data":{}},{"method":"POST","path":"/Groups","bulkId":"a","data":{}}]}""",
            ScimErrorType.InvalidValue, "bulkId 'a' is used by Operations[0] and Operations[1]"
        },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public void Parse_InvalidMessage_RejectsTheWholeRequest(string body, string scimType, string detail)
    {
        var error = Assert.Throws<ScimException>(() => BulkRequest.Parse(JsonNode.Parse(body), 10));
        Assert.Equal(400, error.Status);
        Assert.Equal(scimType, error.ScimType);
        Assert.Contains(detail, error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateBulkIdOnANonPost_IsRejectedToo()
    {
        var error = Assert.Throws<ScimException>(() => BulkJson.Operations(
            BulkJson.PostUser("x"), """{"method":"DELETE","path":"/Users/1","bulkId":"x"}"""));
        Assert.Contains("bulkId 'x' is used by Operations[0] and Operations[1]", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BulkIdsDifferingInCase_AreDistinct()
    {
        Assert.Equal(2, BulkJson.Operations(BulkJson.PostUser("abc"), BulkJson.PostUser("ABC")).Count);
    }

    [Fact]
    public void Parse_AsManyOperationsAsTheLimit_IsAccepted()
    {
        Assert.Equal(3, BulkRequest.Parse(Deletes(3), 3).Operations.Count);
    }

    [Fact]
    public void Parse_MoreOperationsThanTheLimit_Is413NamingTheLimit()
    {
        var error = Assert.Throws<ScimException>(() => BulkRequest.Parse(Deletes(4), 3));
        Assert.Equal(413, error.Status);
        Assert.Contains("4 operations; at most 3", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RepeatedPropertyName_IsInvalidSyntax()
    {
        var body = JsonNode.Parse("""{"Operations":[{"method":"DELETE","method":"POST","path":"/Users/1"}]}""");
        var error = Assert.Throws<ScimException>(() => BulkRequest.Parse(body, 10));
        Assert.Equal(ScimErrorType.InvalidSyntax, error.ScimType);
    }

    [Fact]
    public void Operation_DefinesBulkId_OnlyForPost()
    {
        var operations = BulkJson.Operations(BulkJson.PostUser("u"), """{"method":"DELETE","path":"/Users/1","bulkId":"d"}""");
        Assert.True(operations[0].DefinesBulkId);
        Assert.False(operations[1].DefinesBulkId);
        Assert.Equal(["POST", "DELETE"], operations.Select(o => o.MethodName));
    }

    private static JsonObject Deletes(int count) => BulkJson.Request([.. Enumerable.Range(0, count).Select(i => BulkJson.Delete($"/Users/{i}"))]);
}
