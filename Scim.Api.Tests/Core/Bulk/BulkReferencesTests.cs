using System.Text.Json.Nodes;
using Scim.Api.Core.Bulk;

namespace Scim.Api.Tests.Core.Bulk;

public sealed class BulkReferencesTests
{
    private static readonly Dictionary<string, string> Ids = new() { ["u1"] = "id-1", ["u2"] = "id-2", ["g"] = "id-g", ["q"] = "id\"q" };

    private static string Lookup(string bulkId) => Ids[bulkId];

    [Theory]
    [InlineData("bulkId:qwerty", true, "qwerty")]
    [InlineData("bulkId:", true, "")]
    [InlineData("bulkid:qwerty", false, "")]
    [InlineData(" bulkId:qwerty", false, "")]
    [InlineData("xbulkId:qwerty", false, "")]
    [InlineData("qwerty", false, "")]
    public void TryParse_OnlyAWholeValueWithTheExactPrefix_IsAReference(string text, bool expected, string bulkId)
    {
        Assert.Equal((expected, bulkId), (BulkReferences.TryParse(text, out var found), found));
    }

    [Fact]
    public void Of_FindsReferencesInThePathAndAtAnyDepthOfTheData()
    {
        var operation = Assert.Single(BulkJson.Operations($$$"""
            {"method":"PUT","path":"/Groups/bulkId:g","data":{"displayName":"bulkId is not a reference here",
              "members":[{"value":"bulkId:u1"},{"value":"plain-id"}],
              "{{{BulkJson.EnterpriseUrn}}}":{"manager":{"value":"bulkId:u2"}},
              "urn:example:custom:2.0:User":{"sponsors":["bulkId:s1",{"deep":[["bulkId:s2"]]}]} } }
            """));
        Assert.Equal(["g", "s1", "s2", "u1", "u2"], BulkReferences.Of(operation).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Of_FindsQuotedReferencesInPatchPathFilters()
    {
        var operation = Assert.Single(BulkJson.Operations($$$"""
            {"method":"PATCH","path":"/Groups/1","data":{"schemas":["{{{BulkJson.PatchOpUrn}}}"],"Operations":[
              {"op":"remove","path":"members[value eq \"bulkId:u1\" or value eq \"bulkId:u2\"]"},
              {"op":"replace","path":"displayName","value":"x"}]}}
            """));
        Assert.Equal(["u1", "u2"], BulkReferences.Of(operation).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Of_IgnoresFilterLikeTextOutsidePatchPaths()
    {
        var operation = Assert.Single(BulkJson.Operations("""
            {"method":"PUT","path":"/Users/1","data":{"userName":"u","title":"members[value eq \"bulkId:u1\"]"}}
            """));
        Assert.Empty(BulkReferences.Of(operation));
    }

    [Fact]
    public void Resolve_ReplacesEveryReference_AndLeavesTheOriginalUntouched()
    {
        var data = JsonNode.Parse($$$"""
            {"members":[{"value":"bulkId:u1","display":"bulkId stays"},{"value":"id-9"}],
             "{{{BulkJson.EnterpriseUrn}}}":{"manager":"bulkId:u2"}}
            """)!.AsObject();
        var before = data.ToJsonString();

        var resolved = BulkReferences.Resolve(data, false, Lookup);

        Assert.Equal(before, data.ToJsonString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($$$"""
            {"members":[{"value":"id-1","display":"bulkId stays"},{"value":"id-9"}],
             "{{{BulkJson.EnterpriseUrn}}}":{"manager":"id-2"}}
            """), resolved));
    }

    [Fact]
    public void Resolve_PatchBody_RewritesFilterLiteralsWithEscaping()
    {
        var data = JsonNode.Parse("""
            {"Operations":[{"op":"remove","path":"members[value eq \"bulkId:u1\"]"},
                           {"op":"remove","PATH":"members[value eq \"bulkId:q\"]"},
                           {"op":"add","path":"members","value":[{"value":"bulkId:u2"}]}]}
            """)!.AsObject();

        var resolved = BulkReferences.Resolve(data, true, Lookup);

        Assert.Equal("members[value eq \"id-1\"]", resolved["Operations"]![0]!["path"]!.GetValue<string>());
        Assert.Equal("members[value eq \"id\\\"q\"]", resolved["Operations"]![1]!["PATH"]!.GetValue<string>());
        Assert.Equal("id-2", resolved["Operations"]![2]!["value"]![0]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void Resolve_NotAPatch_LeavesPathMembersAlone()
    {
        var data = JsonNode.Parse("""{"Operations":[{"path":"x[value eq \"bulkId:u1\"]"}]}""")!.AsObject();
        Assert.Equal("x[value eq \"bulkId:u1\"]", BulkReferences.Resolve(data, false, Lookup)["Operations"]![0]!["path"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("bulkId:g", "id-g")]
    [InlineData("2819c223", "2819c223")]
    public void ResolveId_ResolvesOnlyReferences(string id, string expected)
    {
        Assert.Equal(expected, BulkReferences.ResolveId(id, Lookup));
    }
}
