namespace Scim.Api.Core.Filters;

/// <summary>
/// The operands of a chain of one logical operator (<c>a or b or c …</c>, which the parser builds as a left-deep tree
/// of binary nodes), left to right, read without recursion. A translator that renders a chain of n operands as a
/// balanced tree keeps its depth near log₂ n: a filter at the operator limit (<see cref="FilterParser.MaxLogicalOperators"/>)
/// then stays far below the expression depth a database accepts (SQLite: 1000; MongoDB: 100 levels of nesting).
/// </summary>
public static class LogicalChains
{
    public static List<Filter> Operands(OrFilter filter) => Collect(filter, static f => f is OrFilter or ? (or.Left, or.Right) : null);

    public static List<Filter> Operands(AndFilter filter) => Collect(filter, static f => f is AndFilter and ? (and.Left, and.Right) : null);

    /// <summary>Combines rendered operands pairwise, level by level, into one balanced expression.</summary>
    public static T Balance<T>(IReadOnlyList<T> operands, Func<T, T, T> combine)
    {
        ArgumentNullException.ThrowIfNull(operands);
        ArgumentNullException.ThrowIfNull(combine);
        if (operands.Count == 0)
        {
            throw new ArgumentException("A chain has at least one operand.", nameof(operands));
        }

        var level = operands.ToList();
        while (level.Count > 1)
        {
            var next = new List<T>((level.Count + 1) / 2);
            for (var i = 0; i + 1 < level.Count; i += 2)
            {
                next.Add(combine(level[i], level[i + 1]));
            }

            if (level.Count % 2 == 1)
            {
                next.Add(level[^1]);
            }

            level = next;
        }

        return level[0];
    }

    private static List<Filter> Collect(Filter root, Func<Filter, (Filter Left, Filter Right)?> split)
    {
        var operands = new List<Filter>();
        var pending = new Stack<Filter>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (split(current) is var (left, right))
            {
                pending.Push(right);
                pending.Push(left);
            }
            else
            {
                operands.Add(current);
            }
        }

        return operands;
    }
}
