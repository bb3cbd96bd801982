using System.Text.Json.Nodes;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Patch;
using Scim.Api.Core.Storage;
using static Scim.Api.Tests.Core.Patch.PatchTestKit;

namespace Scim.Api.Tests.Core.Patch;

public class MembershipDiffTests
{
    private static JsonArray Members(string json) => JsonNode.Parse(json)!.AsArray();

    [Fact]
    public void Between_AddedAndRemovedMembers_AreListed()
    {
        var delta = MembershipDiff.Between(
            Members("""[{"value":"a"},{"value":"b"}]"""),
            Members("""[{"value":"b"},{"value":"c","type":"User","display":"C"}]"""));

        Assert.False(delta.RemoveAll);
        Assert.Equal(["a"], delta.Remove);
        Assert.Equal([new MemberReference("c", "User", "C")], delta.Add);
    }

    [Fact]
    public void Between_MemberWhoseDisplayChanged_IsRemovedAndAddedAgain()
    {
        var delta = MembershipDiff.Between(Members("""[{"value":"a","display":"Old"}]"""), Members("""[{"value":"a","display":"New"}]"""));

        Assert.Equal(["a"], delta.Remove);
        Assert.Equal([new MemberReference("a", null, "New")], delta.Add);
    }

    [Fact]
    public void Between_SameLists_IsEmpty() =>
        Assert.True(MembershipDiff.Between(Members("""[{"value":"a"},{"value":"b"}]"""), Members("""[{"value":"b"},{"value":"a"}]""")).IsEmpty);

    [Fact]
    public void Between_ListEmptied_IsRemoveAll()
    {
        var delta = MembershipDiff.Between(Members("""[{"value":"a"}]"""), null);

        Assert.True(delta.RemoveAll);
        Assert.Empty(delta.Remove);
        Assert.Empty(delta.Add);
    }

    [Fact]
    public void Between_NothingBeforeAndAfter_IsEmpty() => Assert.True(MembershipDiff.Between(null, []).IsEmpty);

    [Fact]
    public void Between_MemberWithoutValueAfter_IsInvalidValue()
    {
        var error = Assert.Throws<ScimException>(() => MembershipDiff.Between(null, Members("""[{"display":"x"}]""")));

        AssertError(error, 400, ScimErrorType.InvalidValue);
    }

    [Fact]
    public void Between_PatchedGroup_GivesTheDeltaOfTheSubAttributeOperation()
    {
        var group = Group();
        var patched = Apply(group, """{"op":"replace","path":"members[value eq \"902c246b-6245-4190-8e05-00816be7344a\"].display","value":"Mandy P."}""");

        var delta = MembershipDiff.Between(group["members"]!.AsArray(), patched["members"]!.AsArray());

        Assert.Equal(["902c246b-6245-4190-8e05-00816be7344a"], delta.Remove);
        Assert.Equal([new MemberReference("902c246b-6245-4190-8e05-00816be7344a", "User", "Mandy P.")], delta.Add);
    }
}
