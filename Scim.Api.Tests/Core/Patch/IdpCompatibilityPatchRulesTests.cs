using System.Text.Json.Nodes;
using Scim.Api.Core.Compatibility;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Paths;
using static Scim.Api.Tests.Core.Patch.PatchTestKit;

namespace Scim.Api.Tests.Core.Patch;

// The PATCH rules of IdpCompatibility on their own; PatchIdpCompatibilityTests covers them with whole IdP bodies.
public class IdpCompatibilityPatchRulesTests
{
    [Theory]
    [InlineData("type eq \"work\"", """{"type":"work"}""")]
    [InlineData("type eq \"work\" and primary eq true", """{"type":"work","primary":true}""")]
    [InlineData("value eq 42", """{"value":42}""")]
    public void ElementImpliedByFilter_EqualitiesJoinedByAnd_DescribeTheElement(string filter, string expected) =>
        AssertJson(expected, IdpCompatibility.ElementImpliedByFilter(ScimPathParser.Parse($"emails[{filter}]").ValueFilter!));

    [Theory]
    [InlineData("type eq \"work\" or type eq \"home\"")]
    [InlineData("type ne \"work\"")]
    [InlineData("value co \"@\"")]
    [InlineData("not (type eq \"work\")")]
    [InlineData("type pr")]
    [InlineData("type eq null")]
    [InlineData("type eq \"work\" and type eq \"home\"")]
    public void ElementImpliedByFilter_AnythingElse_DescribesNoElement(string filter) =>
        Assert.Null(IdpCompatibility.ElementImpliedByFilter(ScimPathParser.Parse($"emails[{filter}]").ValueFilter!));

    [Theory]
    [InlineData("""{"value":"a","display":"A"}""", """{"value":"a"}""", true)]
    [InlineData("""{"value":"a"}""", """{"value":"b"}""", false)]
    [InlineData("""{"display":"A"}""", """{"value":"a"}""", false)]
    [InlineData("""{"display":"A"}""", """{"display":"A"}""", true)]
    [InlineData("""{"display":"A","type":"User"}""", """{"display":"A"}""", false)]
    [InlineData("\"x\"", "\"x\"", true)]
    public void MatchesRemovedValue_ComparesValuesOrWholeElements(string existing, string removed, bool expected) =>
        Assert.Equal(expected, IdpCompatibility.MatchesRemovedValue(JsonNode.Parse(existing), JsonNode.Parse(removed)!));

    [Theory]
    [InlineData("name.givenName", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", true)]
    [InlineData("emails[type eq \"work\"].value", true)]
    [InlineData("displayName", false)]
    [InlineData("$ref", false)]
    public void IsPathShapedKey_RecognisesPathsAmongAttributeNames(string key, bool expected) =>
        Assert.Equal(expected, IdpCompatibility.IsPathShapedKey(key));

    [Theory]
    [InlineData("urn:ietf:params:scim:schemas:extension:Custom:2.0:User:Level", "urn:ietf:params:scim:schemas:extension:Custom:2.0:User", "Level")]
    [InlineData("urn:a:b", "urn:a", "b")]
    public void TrySplitExtensionAttribute_SplitsAtTheLastColon(string urn, string extension, string attribute)
    {
        Assert.True(IdpCompatibility.TrySplitExtensionAttribute(urn, out var actualExtension, out var actualAttribute));
        Assert.Equal((extension, attribute), (actualExtension, actualAttribute));
    }

    [Theory]
    [InlineData("urn:a")]
    [InlineData("urn:a:")]
    [InlineData("plain")]
    public void TrySplitExtensionAttribute_WithoutAnExtensionAndAName_Fails(string urn) =>
        Assert.False(IdpCompatibility.TrySplitExtensionAttribute(urn, out _, out _));

    [Fact]
    public void ElementImpliedByFilter_IsANewObjectEachTime()
    {
        var filter = new ComparisonFilter(AttributePath.Of("type"), ComparisonOperator.Equal, new StringValue("work"));

        Assert.NotSame(IdpCompatibility.ElementImpliedByFilter(filter), IdpCompatibility.ElementImpliedByFilter(filter));
    }
}
