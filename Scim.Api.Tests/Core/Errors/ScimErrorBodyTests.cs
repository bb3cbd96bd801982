using Scim.Api.Core.Errors;
using Scim.Api.Core.Paging;

namespace Scim.Api.Tests.Core.Errors;

public sealed class ScimErrorBodyTests
{
    [Fact]
    public void ErrorBody_HasTheRfcShape_WithStatusAsAString()
    {
        var body = ScimErrorBody.From(ScimException.Uniqueness("A User with userName 'x' already exists."));
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:Error", body["schemas"]![0]!.GetValue<string>());
        Assert.Equal("409", body["status"]!.GetValue<string>());
        Assert.Equal("uniqueness", body["scimType"]!.GetValue<string>());
        Assert.Equal("A User with userName 'x' already exists.", body["detail"]!.GetValue<string>());
    }

    [Fact]
    public void ErrorBody_WithoutScimType_LeavesItOut()
    {
        var body = ScimErrorBody.From(ScimException.NotFound("User 'x' was not found."));
        Assert.False(body.ContainsKey("scimType"));
        Assert.Equal("404", body["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(400, "invalidFilter")]
    [InlineData(400, "invalidPath")]
    [InlineData(400, "invalidValue")]
    [InlineData(400, "invalidSyntax")]
    [InlineData(400, "noTarget")]
    [InlineData(400, "mutability")]
    [InlineData(400, "tooMany")]
    [InlineData(409, "uniqueness")]
    public void Factories_CarryTheRfcStatusAndKeyword(int status, string scimType)
    {
        ScimException error = scimType switch
        {
            "invalidFilter" => ScimException.InvalidFilter("d"),
            "invalidPath" => ScimException.InvalidPath("d"),
            "invalidValue" => ScimException.InvalidValue("d"),
            "invalidSyntax" => ScimException.InvalidSyntax("d"),
            "noTarget" => ScimException.NoTarget("d"),
            "mutability" => ScimException.Mutability("d"),
            "tooMany" => ScimException.TooMany("d"),
            _ => ScimException.Uniqueness("d"),
        };
        Assert.Equal(status, error.Status);
        Assert.Equal(scimType, error.ScimType);
    }

    [Fact]
    public void ListResponse_AlwaysHasResources_AndItemsPerPageIsWhatIsReturned()
    {
        var empty = ListResponse.Create(0, 1, []);
        Assert.Empty(empty["Resources"]!.AsArray());
        Assert.Equal(0, empty["itemsPerPage"]!.GetValue<int>());

        var page = ListResponse.Create(57, 11, [new System.Text.Json.Nodes.JsonObject { ["id"] = "a" }, new System.Text.Json.Nodes.JsonObject { ["id"] = "b" }]);
        Assert.Equal(57, page["totalResults"]!.GetValue<long>());
        Assert.Equal(11, page["startIndex"]!.GetValue<int>());
        Assert.Equal(2, page["itemsPerPage"]!.GetValue<int>());
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:ListResponse", page["schemas"]![0]!.GetValue<string>());
    }
}
