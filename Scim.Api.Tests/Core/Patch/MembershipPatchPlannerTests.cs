using System.Text.Json.Nodes;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Patch;
using Scim.Api.Core.Storage;
using static Scim.Api.Tests.Core.Patch.PatchTestKit;

namespace Scim.Api.Tests.Core.Patch;

public class MembershipPatchPlannerTests
{
    private static MembershipPatchPlan Plan(params string[] operations) =>
        MembershipPatchPlanner.Plan(PatchRequest.Parse(JsonNode.Parse(Body(operations))), GroupType);

    private static MemberReference Member(string id, string? type = null, string? display = null) => new(id, type, display);

    private static void AssertDelta(MembershipDelta? actual, bool removeAll, string[] remove, MemberReference[] add)
    {
        Assert.NotNull(actual);
        Assert.Equal(removeAll, actual.RemoveAll);
        Assert.Equal(remove, actual.Remove);
        Assert.Equal(add, actual.Add);
    }

    [Fact]
    public void Plan_AddMembers_BecomesAnAddDelta()
    {
        var plan = Plan("""{"op":"add","path":"members","value":[{"value":"u1","type":"User","display":"Ann"},{"value":"g2","type":"Group"}]}""");

        Assert.False(plan.NeedsCurrentMembers);
        Assert.Empty(plan.DocumentOperations.Operations);
        AssertDelta(plan.Members, false, [], [Member("u1", "User", "Ann"), Member("g2", "Group")]);
    }

    [Fact]
    public void Plan_RemoveMembersWithValueList_RemovesThoseIds()
    {
        var plan = Plan("""{"op":"Remove","path":"members","value":[{"value":"u1"},{"$ref":null,"value":"u2"}]}""");

        AssertDelta(plan.Members, false, ["u1", "u2"], []);
    }

    [Theory]
    [InlineData("""members[value eq \"u1\"]""", new[] { "u1" })]
    [InlineData("""members[value eq \"u1\" or value eq \"u2\"]""", new[] { "u1", "u2" })]
    [InlineData("""members[VALUE eq \"u1\" or (value eq \"u2\" or value eq \"u3\")]""", new[] { "u1", "u2", "u3" })]
    [InlineData("""urn:ietf:params:scim:schemas:core:2.0:Group:members[value eq \"u1\"]""", new[] { "u1" })]
    public void Plan_RemoveWithValueEqualityFilter_RemovesThoseIds(string path, string[] ids)
    {
        var plan = Plan($$"""{"op":"remove","path":"{{path}}"}""");

        Assert.False(plan.NeedsCurrentMembers);
        AssertDelta(plan.Members, false, ids, []);
    }

    [Fact]
    public void Plan_RemoveAllMembers_IsRemoveAll() =>
        AssertDelta(Plan("""{"op":"remove","path":"members"}""").Members, true, [], []);

    [Fact]
    public void Plan_ReplaceMembers_IsRemoveAllThenAdd() =>
        AssertDelta(
            Plan("""{"op":"replace","path":"members","value":[{"value":"u9"}]}""").Members,
            true, [], [Member("u9")]);

    [Theory]
    [InlineData("\"\"")]
    [InlineData("null")]
    [InlineData("[]")]
    public void Plan_ReplaceMembersWithNothing_IsRemoveAll(string value) =>
        AssertDelta(Plan($$"""{"op":"replace","path":"members","value":{{value}}}""").Members, true, [], []);

    [Fact]
    public void Plan_PathlessAddWithMembers_SplitsMembersFromTheOtherAttributes()
    {
        var plan = Plan("""{"op":"add","value":{"displayName":"Renamed","members":[{"value":"u1"}]}}""");

        AssertDelta(plan.Members, false, [], [Member("u1")]);
        var remaining = Assert.Single(plan.DocumentOperations.Operations);
        Assert.Null(remaining.Path);
        AssertJson("""{"displayName":"Renamed"}""", remaining.Value);
    }

    [Fact]
    public void Plan_PathlessReplaceWithOnlyMembers_LeavesNoDocumentOperation()
    {
        var plan = Plan("""{"op":"replace","value":{"Members":[{"value":"u1"}]}}""");

        Assert.Empty(plan.DocumentOperations.Operations);
        AssertDelta(plan.Members, true, [], [Member("u1")]);
    }

    [Fact]
    public void Plan_AddThenRemoveSameMember_NeitherAddsNorKeepsIt() =>
        AssertDelta(
            Plan(
                """{"op":"add","path":"members","value":[{"value":"x"}]}""",
                """{"op":"remove","path":"members[value eq \"x\"]"}""").Members,
            false, ["x"], []);

    [Fact]
    public void Plan_RemoveThenAddSameMember_AddsIt() =>
        AssertDelta(
            Plan(
                """{"op":"remove","path":"members[value eq \"x\"]"}""",
                """{"op":"add","path":"members","value":[{"value":"x","display":"X"}]}""").Members,
            false, ["x"], [Member("x", display: "X")]);

    [Fact]
    public void Plan_AddAfterRemoveAll_KeepsOnlyTheLaterAdds() =>
        AssertDelta(
            Plan(
                """{"op":"add","path":"members","value":[{"value":"a"}]}""",
                """{"op":"remove","path":"members"}""",
                """{"op":"add","path":"members","value":[{"value":"b"}]}""",
                """{"op":"remove","path":"members[value eq \"c\"]"}""").Members,
            true, [], [Member("b")]);

    [Fact]
    public void Plan_SameMemberAddedTwice_IsAddedOnceWithTheFirstDetails() =>
        AssertDelta(
            Plan("""{"op":"add","path":"members","value":[{"value":"a","display":"First"},{"value":"a","display":"Second"}]}""").Members,
            false, [], [Member("a", display: "First")]);

    [Fact]
    public void Plan_OtherOperations_StayDocumentOperationsInOrder()
    {
        var plan = Plan(
            """{"op":"replace","path":"displayName","value":"Ops"}""",
            """{"op":"add","path":"members","value":[{"value":"u1"}]}""",
            """{"op":"add","path":"externalId","value":"ext"}""");

        Assert.Equal(["displayName", "externalId"], plan.DocumentOperations.Operations.Select(o => o.Path!.Name));
        AssertDelta(plan.Members, false, [], [Member("u1")]);
    }

    [Fact]
    public void Plan_WithoutMemberOperations_HasNoDelta()
    {
        var plan = Plan("""{"op":"replace","path":"displayName","value":"Ops"}""");

        Assert.Null(plan.Members);
        Assert.False(plan.NeedsCurrentMembers);
        Assert.Single(plan.DocumentOperations.Operations);
    }

    [Fact]
    public void Plan_MemberGivenAsBareIdOrWithDisplayName_IsNormalized() =>
        AssertDelta(
            Plan("""{"op":"add","path":"members","value":["u1",{"displayName":"Bob","value":"u2"}]}""").Members,
            false, [], [Member("u1"), Member("u2", display: "Bob")]);

    [Theory]
    [InlineData("""{"op":"remove","path":"members[display eq \"Ann\"]"}""")]
    [InlineData("""{"op":"remove","path":"members[value sw \"u\"]"}""")]
    [InlineData("""{"op":"remove","path":"members[value eq \"a\" and type eq \"User\"]"}""")]
    [InlineData("""{"op":"replace","path":"members[value eq \"x\"].display","value":"X"}""")]
    [InlineData("""{"op":"remove","path":"members.display"}""")]
    [InlineData("""{"op":"replace","path":"members[value eq \"x\"]","value":{"value":"x","display":"X"}}""")]
    [InlineData("""{"op":"remove","path":"members","value":[{"display":"Ann"}]}""")]
    [InlineData("""{"op":"add","value":{"members.display":"X"}}""")]
    public void Plan_MemberOperationThatDependsOnTheCurrentList_NeedsCurrentMembersAndKeepsTheWholeRequest(string operation)
    {
        var request = PatchRequest.Parse(JsonNode.Parse(Body("""{"op":"add","path":"members","value":[{"value":"u1"}]}""", operation)));

        var plan = MembershipPatchPlanner.Plan(request, GroupType);

        Assert.True(plan.NeedsCurrentMembers);
        Assert.Null(plan.Members);
        Assert.Same(request, plan.DocumentOperations);
    }

    [Fact]
    public void Plan_ForTypeWithoutMembers_LeavesTheRequestAlone()
    {
        var request = PatchRequest.Parse(JsonNode.Parse(Body("""{"op":"replace","path":"displayName","value":"B"}""")));

        var plan = MembershipPatchPlanner.Plan(request, UserType);

        Assert.Same(request, plan.DocumentOperations);
        Assert.Null(plan.Members);
        Assert.False(plan.NeedsCurrentMembers);
    }

    [Fact]
    public void Plan_AddedMemberWithoutValue_IsInvalidValue()
    {
        var error = Assert.Throws<ScimException>(() => Plan("""{"op":"add","path":"members","value":[{"display":"Nobody"}]}"""));

        AssertError(error, 400, ScimErrorType.InvalidValue);
    }

    [Fact]
    public void Plan_AddedMemberOfTheWrongType_IsInvalidValue()
    {
        var error = Assert.Throws<ScimException>(() => Plan("""{"op":"add","path":"members","value":[{"value":42}]}"""));

        AssertError(error, 400, ScimErrorType.InvalidValue);
    }

    [Fact]
    public void Plan_DocumentOperationsWithoutMembers_ApplyToAStoredGroupDocument()
    {
        var stored = Json("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Ops"}""");
        var plan = Plan(
            """{"op":"replace","value":{"displayName":"Operations","members":[{"value":"u1"}]}}""",
            """{"op":"remove","path":"members[value eq \"u2\"]"}""");

        var document = PatchEngine.Apply(stored, plan.DocumentOperations, GroupType);

        AssertJson("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Operations"}""", document);
        AssertDelta(plan.Members, true, [], [Member("u1")]);
    }
}
