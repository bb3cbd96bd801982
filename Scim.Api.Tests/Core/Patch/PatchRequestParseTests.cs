using System.Text.Json.Nodes;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Patch;
using static Scim.Api.Tests.Core.Patch.PatchTestKit;

namespace Scim.Api.Tests.Core.Patch;

public class PatchRequestParseTests
{
    private static PatchRequest Parse(string body, int maxOperations = PatchRequest.DefaultMaxOperations) =>
        PatchRequest.Parse(JsonNode.Parse(body), maxOperations);

    private static ScimException ParseFails(string body, int maxOperations = PatchRequest.DefaultMaxOperations) =>
        Assert.Throws<ScimException>(() => Parse(body, maxOperations));

    [Fact]
    public void Parse_ValidBody_ReadsEachOperationInOrder()
    {
        var request = Parse(Body(
            """{"op":"add","path":"emails","value":[{"value":"a@example.com"}]}""",
            """{"op":"replace","path":"emails[type eq \"work\"].value","value":"b@example.com"}""",
            """{"op":"remove","path":"name.givenName"}"""));

        Assert.Equal(
            [PatchOperationType.Add, PatchOperationType.Replace, PatchOperationType.Remove],
            request.Operations.Select(o => o.Op));
        Assert.Equal("emails", request.Operations[0].Path!.Name);
        AssertJson("""[{"value":"a@example.com"}]""", request.Operations[0].Value);
        var filtered = request.Operations[1].Path!;
        Assert.Equal(("emails", "value"), (filtered.Name, filtered.SubAttribute));
        Assert.IsType<ComparisonFilter>(filtered.ValueFilter);
        Assert.Equal(("name", "givenName"), (request.Operations[2].Path!.Name, request.Operations[2].Path!.SubAttribute));
        Assert.Null(request.Operations[2].Value);
    }

    [Fact]
    public void Parse_EmptyOperations_IsAValidNoOp() => Assert.Empty(Parse(Body()).Operations);

    [Fact]
    public void Parse_MissingSchemas_IsTolerated() =>
        Assert.Single(Parse("""{"Operations":[{"op":"remove","path":"nickName"}]}""").Operations);

    [Theory]
    [InlineData("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"Operations":[]}""")]
    [InlineData("""{"schemas":[],"Operations":[]}""")]
    [InlineData("""{"schemas":"urn:ietf:params:scim:api:messages:2.0:ListResponse","Operations":[]}""")]
    [InlineData("""{"schemas":{"urn":"x"},"Operations":[]}""")]
    [InlineData("""{"schemas":42,"Operations":[]}""")]
    public void Parse_WrongSchemas_IsInvalidSyntax(string body) =>
        AssertError(ParseFails(body), 400, ScimErrorType.InvalidSyntax);

    [Theory]
    [InlineData("""{"schemas":["URN:IETF:PARAMS:SCIM:API:MESSAGES:2.0:PATCHOP"],"Operations":[]}""")]
    [InlineData("""{"schemas":"urn:ietf:params:scim:api:messages:2.0:PatchOp","Operations":[]}""")]
    [InlineData("""{"SCHEMAS":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"operations":[]}""")]
    public void Parse_PatchOpSchemaInAnyCaseOrAsOneString_IsAccepted(string body) => Assert.Empty(Parse(body).Operations);

    [Theory]
    [InlineData("[]")]
    [InlineData("\"add\"")]
    [InlineData("null")]
    [InlineData("42")]
    public void Parse_BodyThatIsNotAnObject_IsInvalidSyntax(string body) =>
        AssertError(ParseFails(body), 400, ScimErrorType.InvalidSyntax);

    [Theory]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"]}""")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":{"op":"add"}}""")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":null}""")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":"add"}""")]
    public void Parse_MissingOrNonArrayOperations_IsInvalidSyntax(string body) =>
        AssertError(ParseFails(body), 400, ScimErrorType.InvalidSyntax);

    [Fact]
    public void Parse_MoreOperationsThanTheLimit_IsInvalidValueNamingTheLimit()
    {
        var operations = Enumerable.Repeat("""{"op":"remove","path":"nickName"}""", 6).ToArray();

        var error = ParseFails(Body(operations), maxOperations: 5);

        AssertError(error, 400, ScimErrorType.InvalidValue);
        Assert.Contains("at most 5", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ExactlyTheLimit_IsAccepted() =>
        Assert.Equal(5, Parse(Body(Enumerable.Repeat("""{"op":"remove","path":"nickName"}""", 5).ToArray()), 5).Operations.Count);

    [Theory]
    [InlineData("Add", PatchOperationType.Add)]
    [InlineData("REPLACE", PatchOperationType.Replace)]
    [InlineData("Remove", PatchOperationType.Remove)]
    [InlineData(" add ", PatchOperationType.Add)]
    public void Parse_OpInAnyCase_IsRecognised(string op, PatchOperationType expected) =>
        Assert.Equal(expected, Parse(Body($$"""{"op":"{{op}}","path":"nickName","value":"x"}""")).Operations[0].Op);

    [Fact]
    public void Parse_OpMemberNameInAnyCase_IsRecognised() =>
        Assert.Equal(
            PatchOperationType.Replace,
            Parse(Body("""{"OP":"replace","Path":"nickName","VALUE":"x"}""")).Operations[0].Op);

    [Theory]
    [InlineData("""{"path":"nickName","value":"x"}""")]
    [InlineData("""{"op":"move","path":"nickName","value":"x"}""")]
    [InlineData("""{"op":"","path":"nickName","value":"x"}""")]
    [InlineData("""{"op":1,"path":"nickName","value":"x"}""")]
    [InlineData("""{"op":null,"path":"nickName"}""")]
    [InlineData("""{"op":"add","path":42,"value":"x"}""")]
    [InlineData("""{"op":"add","path":["nickName"],"value":"x"}""")]
    [InlineData("\"add\"")]
    [InlineData("null")]
    [InlineData("[]")]
    public void Parse_MalformedOperation_IsInvalidSyntax(string operation) =>
        AssertError(ParseFails(Body(operation)), 400, ScimErrorType.InvalidSyntax);

    [Fact]
    public void Parse_MalformedOperation_DetailNamesTheOperation()
    {
        var error = ParseFails(Body("""{"op":"add","path":"nickName","value":"x"}""", """{"op":"copy","path":"nickName"}"""));

        Assert.StartsWith("Operation 2 ", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("emails[type eq \\\"work\\\"")]
    [InlineData("emails[]")]
    [InlineData("name..givenName")]
    [InlineData("emails[type eq]")]
    public void Parse_MalformedPath_IsInvalidPathNamingTheOperation(string path)
    {
        var error = ParseFails(Body($$"""{"op":"remove","path":"{{path}}"}"""));

        AssertError(error, 400, ScimErrorType.InvalidPath);
        Assert.StartsWith("Operation 1", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"op":"add","path":"nickName"}""")]
    [InlineData("""{"op":"replace","path":"nickName"}""")]
    [InlineData("""{"op":"add"}""")]
    public void Parse_AddOrReplaceWithoutValueMember_IsInvalidValue(string operation) =>
        AssertError(ParseFails(Body(operation)), 400, ScimErrorType.InvalidValue);

    [Fact]
    public void Parse_ExplicitNullValue_IsKeptAsNull()
    {
        var operation = Parse(Body("""{"op":"replace","path":"nickName","value":null}""")).Operations[0];

        Assert.Null(operation.Value);
        Assert.NotNull(operation.Path);
    }

    [Theory]
    [InlineData("""{"op":"replace","path":"","value":{"nickName":"x"}}""")]
    [InlineData("""{"op":"replace","path":null,"value":{"nickName":"x"}}""")]
    [InlineData("""{"op":"replace","path":"   ","value":{"nickName":"x"}}""")]
    public void Parse_BlankOrNullPath_MeansNoPath(string operation) => Assert.Null(Parse(Body(operation)).Operations[0].Path);

    [Fact]
    public void Parse_Values_AreIndependentOfTheBody()
    {
        var body = JsonNode.Parse(Body("""{"op":"add","path":"emails","value":[{"value":"a@example.com"}]}"""))!;

        var request = PatchRequest.Parse(body);
        body["Operations"]![0]!["value"]![0]!["value"] = "changed@example.com";

        AssertJson("""[{"value":"a@example.com"}]""", request.Operations[0].Value);
        Assert.Null(request.Operations[0].Value!.Parent);
    }

    [Fact]
    public void Parse_UnknownOperationMembers_AreIgnored() =>
        Assert.Single(Parse(Body("""{"op":"remove","path":"nickName","comment":"why"}""")).Operations);

    [Theory]
    [InlineData("""{"Operations":[],"Operations":[]}""")]
    [InlineData("""{"Operations":[{"op":"add","op":"remove","path":"nickName"}]}""")]
    [InlineData("""{"Operations":[{"op":"add","path":"name","value":{"givenName":"a","givenName":"b"}}]}""")]
    public void Parse_RepeatedPropertyName_IsInvalidSyntax(string body) =>
        AssertError(ParseFails(body), 400, ScimErrorType.InvalidSyntax);
}
