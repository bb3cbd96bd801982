using Scim.Api.Core.Filters;
using static Scim.Api.Tests.Core.Filters.FilterTrees;

namespace Scim.Api.Tests.Core.Filters;

public class LogicalChainsTests
{
    [Fact]
    public void Operands_OfAnOrChain_AreItsOperandsLeftToRight_WhateverItsShape()
    {
        var chain = (OrFilter)Or(Or(Eq("a", 1), And(Eq("b", 2), Eq("c", 3))), Or(Eq("d", 4), Not(Eq("e", 5))));

        Assert.Equal([Eq("a", 1), And(Eq("b", 2), Eq("c", 3)), Eq("d", 4), Not(Eq("e", 5))], LogicalChains.Operands(chain));
    }

    [Fact]
    public void Operands_OfAChainAtTheOperatorLimit_AreReadWithoutRecursion()
    {
        var chain = (AndFilter)FilterParser.Parse(string.Join(" and ", Enumerable.Range(0, FilterParser.MaxLogicalOperators + 1).Select(i => $"a eq {i}")));

        Assert.Equal(FilterParser.MaxLogicalOperators + 1, LogicalChains.Operands(chain).Count);
    }

    [Theory]
    [InlineData(1, "a")]
    [InlineData(2, "(a b)")]
    [InlineData(3, "((a b) c)")]
    [InlineData(5, "(((a b) (c d)) e)")]
    public void Balance_CombinesPairwise_KeepingTheOrder(int count, string expected) =>
        Assert.Equal(expected, LogicalChains.Balance([.. "abcde"[..count].Select(c => c.ToString())], static (l, r) => $"({l} {r})"));

    [Fact]
    public void Balance_OfAThousandOperands_IsTenLevelsDeep()
    {
        var depth = LogicalChains.Balance(Enumerable.Repeat(0, 1000).ToList(), static (l, r) => Math.Max(l, r) + 1);

        Assert.Equal(10, depth);
    }
}
