using System.Text.Json.Nodes;
using Scim.Api.Core.Bulk;
using Scim.Api.Core.Errors;

namespace Scim.Api.Tests.Core.Bulk;

public sealed class BulkDeferralTests
{
    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    private static HashSet<string> Set(params string[] bulkIds) => [.. bulkIds];

    private static void AssertJson(string expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), actual.ToJsonString());

    [Fact]
    public void Split_MemberElements_LeavesTheOtherMembersInTheCreate()
    {
        var split = BulkDeferral.Split(Parse("""
            {"displayName":"A","members":[{"value":"bulkId:b"},{"value":"id-1"},{"value":"bulkId:c","display":"C"}]}
            """), Set("b", "c"));

        AssertJson("""{"displayName":"A","members":[{"value":"id-1"}]}""", split.Create);
        AssertJson($$$"""
            {"schemas":["{{{BulkJson.PatchOpUrn}}}"],"Operations":[
              {"op":"add","path":"members","value":[{"value":"bulkId:b"},{"value":"bulkId:c","display":"C"}]}]}
            """, split.Completion);
    }

    [Fact]
    public void Split_OnlyTheDeferredBulkIds_AreLeftOut()
    {
        var split = BulkDeferral.Split(Parse("""{"members":[{"value":"bulkId:b"},{"value":"bulkId:created"}]}"""), Set("b"));
        AssertJson("""{"members":[{"value":"bulkId:created"}]}""", split.Create);
        AssertJson("""[{"value":"bulkId:b"}]""", split.Completion["Operations"]![0]!["value"]!);
    }

    [Fact]
    public void Split_ExtensionAttribute_IsAddedByItsUrnQualifiedPath()
    {
        var split = BulkDeferral.Split(Parse($$$"""
            {"userName":"a","{{{BulkJson.EnterpriseUrn}}}":{"department":"R&D","manager":{"value":"bulkId:boss"} } }
            """), Set("boss"));

        AssertJson($$$"""{"userName":"a","{{{BulkJson.EnterpriseUrn}}}":{"department":"R&D"}}""", split.Create);
        AssertJson($$$"""
            {"schemas":["{{{BulkJson.PatchOpUrn}}}"],"Operations":[
              {"op":"add","path":"{{{BulkJson.EnterpriseUrn}}}:manager","value":{"value":"bulkId:boss"}}]}
            """, split.Completion);
    }

    [Fact]
    public void Split_SimpleAndComplexCoreAttributes_AreLeftOutWhole()
    {
        var split = BulkDeferral.Split(Parse("""
            {"userName":"a","sponsor":"bulkId:s","buddy":{"value":"bulkId:s","note":"n"},"tags":["t1","bulkId:s"]}
            """), Set("s"));

        AssertJson("""{"userName":"a","tags":["t1"]}""", split.Create);
        Assert.Equal(["sponsor", "buddy", "tags"], split.Completion["Operations"]!.AsArray().Select(o => o!["path"]!.GetValue<string>()));
    }

    [Fact]
    public void Split_DoesNotChangeTheOriginal()
    {
        var data = Parse("""{"members":[{"value":"bulkId:b"}]}""");
        _ = BulkDeferral.Split(data, Set("b"));
        AssertJson("""{"members":[{"value":"bulkId:b"}]}""", data);
    }

    [Theory]
    [InlineData("""{"members":[{"value":"bulkId:b"}]}""", true)]
    [InlineData("""{"urn:example:ext:1.0:Thing":{"owner":"bulkId:b"}}""", true)]
    [InlineData("""{"members":[{"value":"bulkId:other"}],"schemas":["bulkId:other"]}""", true)]
    [InlineData("""{"schemas":["bulkId:b"]}""", false)]
    [InlineData("""{"id":"bulkId:b"}""", false)]
    [InlineData("""{"META":{"location":"bulkId:b"}}""", false)]
    [InlineData("""{"urn:example:ext:1.0:Thing":"bulkId:b"}""", false)]
    [InlineData("""{"urn:example:ext:1.0:Thing":["bulkId:b"]}""", false)]
    public void CanDefer_OnlyReferencesInAttributesAPatchCanAdd(string data, bool expected)
    {
        Assert.Equal(expected, BulkDeferral.CanDefer(Parse(data), Set("b")));
    }

    [Fact]
    public void Split_WhenItCannotDefer_Is409()
    {
        var error = Assert.Throws<ScimException>(() => BulkDeferral.Split(Parse("""{"id":"bulkId:b"}"""), Set("b")));
        Assert.Equal(409, error.Status);
        Assert.Contains("'bulkId:b'", error.Detail, StringComparison.Ordinal);
    }
}
