using Scim.Api.Core.Errors;
using static Scim.Api.Tests.Core.Patch.PatchTestKit;

namespace Scim.Api.Tests.Core.Patch;

// RFC 7644 §3.5.2.3, one rule per test.
public class PatchReplaceTests
{
    [Fact]
    public void Replace_WithoutPath_ReplacesEachGivenAttributeAndKeepsTheOthers()
    {
        var result = Apply(User(), """
            {"op":"replace","value":{"displayName":"Barbara","emails":[{"value":"barbara@example.com","type":"work"}]}}
            """);

        Assert.Equal("Barbara", (string?)result["displayName"]);
        AssertJson("""[{"value":"barbara@example.com","type":"work"}]""", result["emails"]);
        Assert.Equal("Jensen", (string?)result["name"]!["familyName"]);
        Assert.True((bool?)result["active"]);
    }

    [Fact]
    public void Replace_SingleValuedAttribute_ReplacesTheValue()
    {
        var result = Apply(User(), """{"op":"replace","path":"userName","value":"barbara@example.com"}""");

        Assert.Equal("barbara@example.com", (string?)result["userName"]);
    }

    // RFC 7644 §3.5.2.3: "Sub-attributes that are not specified in the value parameter are left unchanged."
    [Fact]
    public void Replace_ComplexAttribute_ReplacesTheGivenSubAttributesAndLeavesTheOthers()
    {
        var result = Apply(User(), """{"op":"replace","path":"name","value":{"givenName":"Barb","middleName":"J"}}""");

        AssertJson(
            """{"formatted":"Ms. Barbara J Jensen III","familyName":"Jensen","givenName":"Barb","middleName":"J"}""",
            result["name"]);
    }

    [Fact]
    public void Replace_MultiValuedAttributeWithoutFilter_ReplacesAllValues()
    {
        var result = Apply(User(), """{"op":"replace","path":"phoneNumbers","value":[{"value":"555-0100","type":"mobile"},{"value":"555-0101","type":"fax"}]}""");

        AssertJson("""[{"value":"555-0100","type":"mobile"},{"value":"555-0101","type":"fax"}]""", result["phoneNumbers"]);
    }

    // RFC 7644 §3.5.2.3: "all matching record values SHALL be replaced".
    [Fact]
    public void Replace_WithValueFilter_ReplacesEachMatchingValueWhole()
    {
        var result = Apply(User(), """
            {"op":"replace","path":"addresses[type eq \"work\"]","value":{"type":"work","streetAddress":"911 Universal City Plaza","locality":"Hollywood","primary":true}}
            """);

        AssertJson(
            """{"type":"work","streetAddress":"911 Universal City Plaza","locality":"Hollywood","primary":true}""",
            result["addresses"]![0]);
        Assert.Equal("456 Hollywood Blvd", (string?)result["addresses"]![1]!["streetAddress"]);
    }

    [Fact]
    public void Replace_WithFilterAndSubAttribute_ReplacesTheSubAttributeOfMatchesOnly()
    {
        var result = Apply(User(), """{"op":"replace","path":"addresses[type eq \"work\"].streetAddress","value":"1010 Broadway Ave"}""");

        Assert.Equal("1010 Broadway Ave", (string?)result["addresses"]![0]!["streetAddress"]);
        Assert.Equal("Hollywood", (string?)result["addresses"]![0]!["locality"]);
        Assert.Equal("456 Hollywood Blvd", (string?)result["addresses"]![1]!["streetAddress"]);
    }

    [Fact]
    public void Replace_WithFilterMatchingSeveralValues_ReplacesEveryOne()
    {
        var result = Apply(User(), """{"op":"replace","path":"addresses[locality eq \"Hollywood\"].locality","value":"Los Angeles"}""");

        Assert.All(result["addresses"]!.AsArray(), address => Assert.Equal("Los Angeles", (string?)address!["locality"]));
    }

    [Theory]
    [InlineData("""emails[type eq \"pager\"]""")]
    [InlineData("""emails[value co \"nobody\"].display""")]
    [InlineData("""phoneNumbers[type eq \"fax\" or type eq \"home\"].display""")]
    [InlineData("""urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager[value eq \"someone-else\"]""")]
    public void Replace_WithFilterMatchingNothing_IsNoTarget(string path)
    {
        var error = ApplyFails(User(), $$$"""{"op":"replace","path":"{{{path}}}","value":{"display":"x"}}""");

        AssertError(error, 400, ScimErrorType.NoTarget);
    }

    [Fact]
    public void Replace_AttributeWithoutValue_IsTreatedAsAdd()
    {
        var result = Apply(MinimalUser(), """{"op":"replace","path":"nickName","value":"Al"}""");

        Assert.Equal("Al", (string?)result["nickName"]);
    }

    [Fact]
    public void Replace_ComplexAttributeWithoutValue_IsTreatedAsAdd()
    {
        var result = Apply(MinimalUser(), """{"op":"replace","path":"name","value":{"familyName":"Smith"}}""");

        AssertJson("""{"familyName":"Smith"}""", result["name"]);
    }

    [Fact]
    public void Replace_ExtensionAttributeByUrnPath_ReplacesIt()
    {
        var result = Apply(User(), $$"""{"op":"replace","path":"{{Enterprise}}:department","value":"Sales"}""");

        Assert.Equal("Sales", (string?)EnterpriseOf(result)["department"]);
    }

    [Fact]
    public void Replace_WithoutPathWithExtensionObject_ReplacesGivenExtensionAttributes()
    {
        var result = Apply(User(), $$$$"""{"op":"replace","value":{"{{{{Enterprise}}}}":{"department":"Sales"}}}""");

        Assert.Equal("Sales", (string?)EnterpriseOf(result)["department"]);
        Assert.Equal("701984", (string?)EnterpriseOf(result)["employeeNumber"]);
    }
}
