using Scim.Api.Core.Errors;
using static Scim.Api.Tests.Core.Patch.PatchTestKit;

namespace Scim.Api.Tests.Core.Patch;

// RFC 7644 §3.5.2.2, one rule per test.
public class PatchRemoveTests
{
    [Fact]
    public void Remove_WithoutPath_IsNoTarget() =>
        AssertError(ApplyFails(User(), """{"op":"remove"}"""), 400, ScimErrorType.NoTarget);

    [Fact]
    public void Remove_SingleValuedAttribute_UnassignsIt()
    {
        var result = Apply(User(), """{"op":"remove","path":"displayName"}""");

        Assert.False(result.ContainsKey("displayName"));
    }

    [Fact]
    public void Remove_ComplexAttribute_UnassignsIt()
    {
        var result = Apply(User(), """{"op":"remove","path":"name"}""");

        Assert.False(result.ContainsKey("name"));
    }

    [Fact]
    public void Remove_SubAttribute_RemovesOnlyIt()
    {
        var result = Apply(User(), """{"op":"remove","path":"name.givenName"}""");

        AssertJson("""{"formatted":"Ms. Barbara J Jensen III","familyName":"Jensen"}""", result["name"]);
    }

    [Fact]
    public void Remove_LastSubAttribute_UnassignsTheComplexAttribute()
    {
        var user = MinimalUser();
        user["name"] = new System.Text.Json.Nodes.JsonObject { ["givenName"] = "Alice" };

        var result = Apply(user, """{"op":"remove","path":"name.givenName"}""");

        Assert.False(result.ContainsKey("name"));
    }

    [Fact]
    public void Remove_MultiValuedAttributeWithoutFilter_RemovesAllValues()
    {
        var result = Apply(User(), """{"op":"remove","path":"emails"}""");

        Assert.False(result.ContainsKey("emails"));
    }

    [Fact]
    public void Remove_WithValueFilter_RemovesOnlyMatchingValues()
    {
        var result = Apply(User(), """{"op":"remove","path":"emails[type eq \"home\"]"}""");

        AssertJson("""[{"value":"bjensen@example.com","type":"work","primary":true}]""", result["emails"]);
    }

    [Fact]
    public void Remove_WithValueFilterMatchingTheLastValue_UnassignsTheAttribute()
    {
        var result = Apply(User(), """{"op":"remove","path":"phoneNumbers[type eq \"work\"]"}""");

        Assert.False(result.ContainsKey("phoneNumbers"));
    }

    [Fact]
    public void Remove_WithComplexValueFilter_RemovesEveryMatch()
    {
        var result = Apply(User(), """{"op":"remove","path":"emails[type eq \"work\" or value ew \"jensen.org\"]"}""");

        Assert.False(result.ContainsKey("emails"));
    }

    [Fact]
    public void Remove_WithFilterAndSubAttribute_RemovesTheSubAttributeOfMatchesOnly()
    {
        var result = Apply(User(), """{"op":"remove","path":"addresses[type eq \"work\"].region"}""");

        Assert.Null(result["addresses"]![0]!["region"]);
        Assert.Equal("CA", (string?)result["addresses"]![1]!["region"]);
        Assert.Equal("Hollywood", (string?)result["addresses"]![0]!["locality"]);
    }

    [Fact]
    public void Remove_SubAttributeOfMultiValuedAttributeWithoutFilter_RemovesItFromEveryValue()
    {
        var result = Apply(User(), """{"op":"remove","path":"addresses.region"}""");

        Assert.All(result["addresses"]!.AsArray(), address => Assert.Null(address!["region"]));
        Assert.Equal(2, result["addresses"]!.AsArray().Count);
    }

    [Fact]
    public void Remove_ExtensionAttribute_KeepsTheOtherExtensionAttributes()
    {
        var result = Apply(User(), $$"""{"op":"remove","path":"{{Enterprise}}:department"}""");

        Assert.False(EnterpriseOf(result).ContainsKey("department"));
        Assert.Equal("701984", (string?)EnterpriseOf(result)["employeeNumber"]);
    }

    [Fact]
    public void Remove_LastExtensionAttribute_RemovesTheExtensionAndItsSchema()
    {
        var result = Apply(
            User(),
            $$"""{"op":"remove","path":"{{Enterprise}}:department"}""",
            $$"""{"op":"remove","path":"{{Enterprise}}:employeeNumber"}""",
            $$"""{"op":"remove","path":"{{Enterprise}}:manager"}""");

        Assert.False(result.ContainsKey(Enterprise));
        Assert.DoesNotContain(Enterprise, result["schemas"]!.AsArray().Select(s => (string?)s));
    }

    [Fact]
    public void Remove_WholeExtensionByUrn_RemovesIt()
    {
        var result = Apply(User(), $$"""{"op":"remove","path":"{{Enterprise}}"}""");

        Assert.False(result.ContainsKey(Enterprise));
    }

    [Fact]
    public void Remove_AttributeWithoutValue_ChangesNothing()
    {
        var user = MinimalUser();

        var result = Apply(user, """{"op":"remove","path":"nickName"}""");

        AssertJson(user.ToJsonString(), result);
    }

    [Theory]
    [InlineData("userName")]
    [InlineData("USERNAME")]
    public void Remove_RequiredAttribute_IsMutability(string path) =>
        AssertError(ApplyFails(User(), $$"""{"op":"remove","path":"{{path}}"}"""), 400, ScimErrorType.Mutability);

    [Fact]
    public void Remove_GroupDisplayName_IsMutabilityBecauseItIsRequired() =>
        AssertError(ApplyFails(Group(), """{"op":"remove","path":"displayName"}"""), 400, ScimErrorType.Mutability);
}
