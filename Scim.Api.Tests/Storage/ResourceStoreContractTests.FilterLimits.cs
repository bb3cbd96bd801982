using Scim.Api.Core.Filters;
using Scim.Api.Core.Storage;

namespace Scim.Api.Tests.Storage;

/// <summary>
/// Filters at the documented maxima (<see cref="FilterParser.MaxLogicalOperators"/> operators,
/// <see cref="FilterParser.MaxNestingDepth"/> levels of nesting) run on every store and give what the in-memory
/// evaluator gives; none may fail as a store error. Identity providers send long "or" chains to look up many users.
/// </summary>
public abstract partial class ResourceStoreContractTests
{
    public static TheoryData<string> FiltersAtTheLimits => new()
    {
        OrChain(FilterParser.MaxLogicalOperators + 1, i => $"userName eq \"user{i}\""),
        // 800 operands: 799 "or" and 200 "and" inside the value filters.
        OrChain(800, i => (i % 4) switch
        {
            0 => $"userName eq \"user{i}\"",
            1 => $"emails.value co \"{i}@\"",
            2 => $"emails[type eq \"work\" and value sw \"nobody{i}\"]",
            _ => $"externalId eq \"ext-{i}\"",
        }),
        AndChain(FilterParser.MaxLogicalOperators + 1, i => $"userName ne \"user{i}\""),
        string.Join(" and ", Enumerable.Range(0, 500).Select(i => $"(userName ne \"user{i}\" or title pr)")),
        Nested(FilterParser.MaxNestingDepth),
    };

    [Theory]
    [MemberData(nameof(FiltersAtTheLimits))]
    public async Task Query_AFilterAtTheLimits_RunsAndMatchesTheEvaluator(string text)
    {
        var users = await LoadParityDatasetAsync();
        var filter = FilterParser.Parse(text);
        var type = FilterParityDataset.UserType;

        var result = await Store.QueryAsync(new ResourceQuery(Tenant, type, filter, null, new(1, 100), ReadOptions.DocumentOnly), Ct);

        var expected = users.Where(r => FilterEvaluator.Matches(filter, r.Json, type)).Select(r => r.Id).Order(StringComparer.Ordinal);
        Assert.Equal(expected, result.Resources.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal(expected.Count(), result.TotalResults);
    }

    private static string OrChain(int operands, Func<int, string> operand) => string.Join(" or ", Enumerable.Range(0, operands).Select(operand));

    private static string AndChain(int operands, Func<int, string> operand) => string.Join(" and ", Enumerable.Range(0, operands).Select(operand));

    // (((… (userName pr or title eq "x") and active eq true …) or …): alternating operators, one level per parenthesis.
    private static string Nested(int depth)
    {
        var text = "userName pr";
        for (var level = 1; level < depth; level++)
        {
            text = level % 2 == 0 ? $"({text}) and active ne false" : $"({text}) or title eq \"t{level}\"";
        }

        return text;
    }
}
