using CsCheck;
using Scim.Api.Core.Bulk;

namespace Scim.Api.Tests.Core.Bulk;

/// <summary>Random requests of POSTs and PATCHes referring to each other in any pattern, cycles included.</summary>
public sealed class BulkPlannerPropertyTests
{
    // Per operation: a roll choosing POST (0–6) or PATCH of a referenced group (7–9), and the indexes it refers to.
    private static readonly Gen<(int Roll, int[] Refs)[]> Requests =
        Gen.Int[1, 12].SelectMany(n => Gen.Select(Gen.Int[0, 9], Gen.Int[0, n - 1].Array[0, 3]).Array[n]);

    private static string[] Json((int Roll, int[] Refs)[] request) =>
    [
        .. request.Select((op, i) => op.Roll < 7 || op.Refs.Length == 0
            ? BulkJson.PostGroup($"b{i}", [.. op.Refs.Select(r => $"b{r}")])
            : BulkJson.PatchGroup($"/Groups/bulkId:b{op.Refs[0]}", [.. op.Refs.Skip(1).Select(r => $"b{r}")])),
    ];

    private static string Print((int Roll, int[] Refs)[] request) => string.Join(",", Json(request));

    [Fact]
    public void Plan_AnyRequest_RunsEachOperationOnce_AndEveryReferenceResolves() =>
        Requests.Sample(request =>
        {
            var operations = BulkJson.Operations(Json(request));
            var steps = BulkPlanner.Plan(operations).Steps;
            var executed = steps.Select((s, at) => (s, at)).Where(x => x.s.Kind == BulkStepKind.Execute).ToDictionary(x => x.s.Operation, x => x.at);
            var completed = steps.Select((s, at) => (s, at)).Where(x => x.s.Kind == BulkStepKind.Complete).ToDictionary(x => x.s.Operation, x => x.at);

            // Every reference here sits in members, which can always be deferred, so nothing is rejected.
            Assert.DoesNotContain(steps, s => s.Kind == BulkStepKind.Reject);
            Assert.Equal(Enumerable.Range(0, operations.Count), executed.Keys.Order());
            Assert.Equal(steps.Where(s => s.Kind == BulkStepKind.Execute && s.Deferred.Count > 0).Select(s => s.Operation).Order(), completed.Keys.Order());

            foreach (var operation in operations)
            {
                var step = steps[executed[operation.Index]];
                Assert.True(step.Deferred.Count == 0 || operation.Method == BulkMethod.Post);
                // A reference to a PATCH's position names no POST: it fails when it runs, and waits for nothing.
                foreach (var bulkId in BulkReferences.Of(operation).Where(b => operations.Any(o => o.DefinesBulkId && o.BulkId == b)))
                {
                    var definer = operations.Single(o => o.BulkId == bulkId).Index;
                    var needsItAt = step.Deferred.Contains(bulkId) ? completed[operation.Index] : executed[operation.Index];
                    Assert.True(executed[definer] < needsItAt, $"Operations[{operation.Index}] needs bulkId:{bulkId} before it is created");
                }
            }

            foreach (var (operation, at) in completed)
            {
                Assert.True(executed[operation] < at);
            }
        },
        iter: 2000,
        print: Print);

    [Fact]
    public void Plan_RequestWithoutCycles_DefersNothing() =>
        Requests.Select(request => request.Select((op, i) => (op.Roll, Refs: op.Refs.Where(r => r > i).ToArray())).ToArray())
            .Sample(request =>
            {
                var steps = BulkPlanner.Plan(BulkJson.Operations(Json(request))).Steps;
                Assert.All(steps, s => Assert.Equal((BulkStepKind.Execute, 0), (s.Kind, s.Deferred.Count)));
            },
            iter: 1000,
            print: Print);
}
