using System.Globalization;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Paths;

namespace Scim.Api.Tests.Core.Filters;

/// <summary>Short builders for expected filter trees.</summary>
internal static class FilterTrees
{
    public const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public const string CoreUser = "urn:ietf:params:scim:schemas:core:2.0:User";

    /// <summary>"name" or "name.sub" without a URN.</summary>
    public static AttributePath P(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? new AttributePath(null, text, null) : new AttributePath(null, text[..dot], text[(dot + 1)..]);
    }

    public static AttributePath Urn(string urn, string nameAndSub) => P(nameAndSub) with { SchemaUrn = urn };

    public static FilterValue V(object? value) => value switch
    {
        null => NullValue.Instance,
        string text => new StringValue(text),
        bool flag => flag ? BooleanValue.True : BooleanValue.False,
        int number => new NumberValue(number),
        long number => new NumberValue(number),
        decimal number => new NumberValue(number),
        double number => new NumberValue(decimal.Parse(number.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture)),
        FilterValue filterValue => filterValue,
        _ => throw new ArgumentException($"No filter value for {value.GetType()}.", nameof(value)),
    };

    public static ComparisonFilter Cmp(AttributePath path, ComparisonOperator op, object? value) => new(path, op, V(value));

    public static ComparisonFilter Cmp(string path, ComparisonOperator op, object? value) => Cmp(P(path), op, value);

    public static ComparisonFilter Eq(string path, object? value) => Cmp(path, ComparisonOperator.Equal, value);

    public static ComparisonFilter Eq(AttributePath path, object? value) => Cmp(path, ComparisonOperator.Equal, value);

    public static ComparisonFilter Ne(string path, object? value) => Cmp(path, ComparisonOperator.NotEqual, value);

    public static ComparisonFilter Ne(AttributePath path, object? value) => Cmp(path, ComparisonOperator.NotEqual, value);

    public static ComparisonFilter Co(string path, object? value) => Cmp(path, ComparisonOperator.Contains, value);

    public static ComparisonFilter Sw(string path, object? value) => Cmp(path, ComparisonOperator.StartsWith, value);

    public static ComparisonFilter Ew(string path, object? value) => Cmp(path, ComparisonOperator.EndsWith, value);

    public static ComparisonFilter Gt(string path, object? value) => Cmp(path, ComparisonOperator.GreaterThan, value);

    public static ComparisonFilter Ge(string path, object? value) => Cmp(path, ComparisonOperator.GreaterOrEqual, value);

    public static ComparisonFilter Lt(string path, object? value) => Cmp(path, ComparisonOperator.LessThan, value);

    public static ComparisonFilter Le(string path, object? value) => Cmp(path, ComparisonOperator.LessOrEqual, value);

    public static PresentFilter Pr(string path) => new(P(path));

    public static PresentFilter Pr(AttributePath path) => new(path);

    public static AndFilter And(Filter left, Filter right) => new(left, right);

    public static OrFilter Or(Filter left, Filter right) => new(left, right);

    public static NotFilter Not(Filter inner) => new(inner);

    public static ValuePathFilter Vp(string path, Filter inner) => new(P(path), inner);

    public static ValuePathFilter Vp(AttributePath path, Filter inner) => new(path, inner);
}
