namespace Scim.Api.Core.Filters;

internal static class ComparisonOperatorText
{
    public const string Present = "pr";

    public const string AllOperators = "eq, ne, co, sw, ew, gt, ge, lt, le or pr";

    public static string ToText(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "eq",
        ComparisonOperator.NotEqual => "ne",
        ComparisonOperator.Contains => "co",
        ComparisonOperator.StartsWith => "sw",
        ComparisonOperator.EndsWith => "ew",
        ComparisonOperator.GreaterThan => "gt",
        ComparisonOperator.GreaterOrEqual => "ge",
        ComparisonOperator.LessThan => "lt",
        ComparisonOperator.LessOrEqual => "le",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown comparison operator."),
    };

    public static bool TryParse(string word, out ComparisonOperator op)
    {
        ComparisonOperator? found = word.ToLowerInvariant() switch
        {
            "eq" => ComparisonOperator.Equal,
            "ne" => ComparisonOperator.NotEqual,
            "co" => ComparisonOperator.Contains,
            "sw" => ComparisonOperator.StartsWith,
            "ew" => ComparisonOperator.EndsWith,
            "gt" => ComparisonOperator.GreaterThan,
            "ge" => ComparisonOperator.GreaterOrEqual,
            "lt" => ComparisonOperator.LessThan,
            "le" => ComparisonOperator.LessOrEqual,
            _ => null,
        };
        op = found.GetValueOrDefault();
        return found is not null;
    }

    public static bool IsOperatorWord(string word) =>
        TryParse(word, out _) || string.Equals(word, Present, StringComparison.OrdinalIgnoreCase);
}
