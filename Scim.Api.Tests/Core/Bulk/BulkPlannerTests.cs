using Scim.Api.Core.Bulk;

namespace Scim.Api.Tests.Core.Bulk;

public sealed class BulkPlannerTests
{
    /// <summary>E = execute, C = complete, R = reject; deferred bulkIds in braces.</summary>
    private static string Steps(params string[] operations) =>
        string.Join(" ", BulkPlanner.Plan(BulkJson.Operations(operations)).Steps.Select(s => s.Kind switch
        {
            BulkStepKind.Execute when s.Deferred.Count > 0 => $"E{s.Operation}{{{string.Join(",", s.Deferred.Order(StringComparer.Ordinal))}}}",
            BulkStepKind.Execute => $"E{s.Operation}",
            BulkStepKind.Complete => $"C{s.Operation}",
            _ => $"R{s.Operation}",
        }));

    [Fact]
    public void Plan_WithoutReferences_KeepsTheRequestOrder()
    {
        Assert.Equal("E0 E1 E2", Steps(BulkJson.PostUser("a"), BulkJson.Delete("/Users/1"), BulkJson.PostUser("b")));
    }

    [Fact]
    public void Plan_GroupBeforeItsMembers_CreatesTheMembersFirst_OtherwiseRequestOrder()
    {
        Assert.Equal("E1 E2 E3 E0", Steps(
            BulkJson.PostGroup("g", "u1", "u2"), BulkJson.PostUser("u1"), BulkJson.Delete("/Users/1"), BulkJson.PostUser("u2")));
    }

    [Fact]
    public void Plan_BackwardReference_KeepsTheRequestOrder()
    {
        Assert.Equal("E0 E1", Steps(BulkJson.PostUser("u"), BulkJson.PostGroup("g", "u")));
    }

    [Fact]
    public void Plan_ReferenceInThePath_WaitsForThePost()
    {
        Assert.Equal("E1 E0 E2", Steps(BulkJson.Delete("/Groups/bulkId:g"), BulkJson.PostGroup("g"), BulkJson.Delete("/Users/1")));
    }

    [Fact]
    public void Plan_ReferenceInAPatchFilter_WaitsForThePost()
    {
        var removeMember = $$$"""
            {"method":"PATCH","path":"/Groups/1","data":{"Operations":[{"op":"remove","path":"members[value eq \"bulkId:u\"]"}]}}
            """;
        Assert.Equal("E1 E0", Steps(removeMember, BulkJson.PostUser("u")));
    }

    [Fact]
    public void Plan_UnknownBulkId_AddsNoWait()
    {
        Assert.Equal("E0 E1", Steps(BulkJson.PostGroup("g", "nobody"), BulkJson.PostUser("u")));
    }

    [Fact]
    public void Plan_TwoGroupsContainingEachOther_CreatesTheFirstWithoutTheOtherThenCompletesIt()
    {
        Assert.Equal("E0{b} E1 C0", Steps(BulkJson.PostGroup("a", "b"), BulkJson.PostGroup("b", "a")));
    }

    [Fact]
    public void Plan_GroupContainingItself_IsCompletedAfterItsCreate()
    {
        Assert.Equal("E0{a} C0", Steps(BulkJson.PostGroup("a", "a")));
    }

    [Fact]
    public void Plan_ThreeCycle_DefersOnlyTheFirstPostsReference()
    {
        Assert.Equal("E0{b} E2 E1 C0", Steps(BulkJson.PostGroup("a", "b"), BulkJson.PostGroup("b", "c"), BulkJson.PostGroup("c", "a")));
    }

    [Fact]
    public void Plan_CycleMemberAlsoReferringToCreatedResources_DefersOnlyWhatIsNotCreated()
    {
        Assert.Equal("E0 E1{c} E2 C1", Steps(BulkJson.PostUser("u"), BulkJson.PostGroup("b", "c", "u"), BulkJson.PostGroup("c", "b")));
    }

    [Fact]
    public void Plan_OperationOutsideTheCycle_WaitsForTheCompletion()
    {
        Assert.Equal("E0{b} E1 C0 E2", Steps(
            BulkJson.PostGroup("a", "b"), BulkJson.PostGroup("b", "a"), BulkJson.PatchGroup("/Groups/bulkId:a", "x")));
    }

    [Fact]
    public void Plan_OperationTheCompletionWaitsFor_KeepsWaitingOnlyForTheCreate()
    {
        // b waits for c, so c must run before a's completion: c cannot wait for that completion.
        Assert.Equal("E0{b} E1 E2 C0", Steps(BulkJson.PostGroup("a", "b"), BulkJson.PostGroup("c", "a"), BulkJson.PostGroup("b", "a", "c")));
    }

    [Fact]
    public void Plan_CycleThatCannotBeDeferred_IsRejected_AndItsDependentsStillRun()
    {
        var plan = BulkPlanner.Plan(BulkJson.Operations(
            """{"method":"POST","path":"/Things","bulkId":"a","data":{"urn:example:thing:1.0:Thing":"bulkId:b"}}""",
            """{"method":"POST","path":"/Things","bulkId":"b","data":{"id":"bulkId:a"}}""",
            BulkJson.Delete("/Things/bulkId:a")));

        Assert.Equal([(BulkStepKind.Reject, 0), (BulkStepKind.Reject, 1), (BulkStepKind.Execute, 2)], plan.Steps.Select(s => (s.Kind, s.Operation)));
        Assert.Contains("Operations[0] → Operations[1] → Operations[0]", plan.Steps[0].Detail, StringComparison.Ordinal);
        Assert.Contains("RFC 7644 §3.7.1", plan.Steps[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_LongChainInReverseOrder_RunsBackToFront()
    {
        const int count = 2000;
        var operations = Enumerable.Range(0, count)
            .Select(i => i == count - 1 ? BulkJson.PostGroup($"g{i}") : BulkJson.PostGroup($"g{i}", $"g{i + 1}"))
            .ToArray();
        var steps = BulkPlanner.Plan(BulkJson.Operations(operations)).Steps;
        Assert.Equal(Enumerable.Range(0, count).Reverse(), steps.Select(s => s.Operation));
    }
}
