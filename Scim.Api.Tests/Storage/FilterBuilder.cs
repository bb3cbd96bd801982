using Scim.Api.Core.Filters;
using Scim.Api.Core.Paths;

namespace Scim.Api.Tests.Storage;

/// <summary>Filter trees written compactly in tests: <c>Eq("name.familyName", "Jensen")</c>.</summary>
internal static class FilterBuilder
{
    /// <summary>Splits "urn:…:attr.sub" at the last colon (URN) and then at the dot (sub-attribute).</summary>
    public static AttributePath Path(string text)
    {
        string? urn = null;
        var rest = text;
        var colon = text.LastIndexOf(':');
        if (text.StartsWith("urn:", StringComparison.OrdinalIgnoreCase) && colon > 0)
        {
            urn = text[..colon];
            rest = text[(colon + 1)..];
        }

        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? new AttributePath(urn, rest, null) : new AttributePath(urn, rest[..dot], rest[(dot + 1)..]);
    }

    public static FilterValue Value(object? value) => value switch
    {
        null => NullValue.Instance,
        string text => new StringValue(text),
        bool boolean => boolean ? BooleanValue.True : BooleanValue.False,
        int number => new NumberValue(number),
        long number => new NumberValue(number),
        decimal number => new NumberValue(number),
        double number => new NumberValue((decimal)number),
        _ => throw new ArgumentException($"No filter value for {value.GetType()}.", nameof(value)),
    };

    public static ComparisonFilter Compare(string path, ComparisonOperator op, object? value) => new(Path(path), op, Value(value));

    public static ComparisonFilter Eq(string path, object? value) => Compare(path, ComparisonOperator.Equal, value);

    public static ComparisonFilter Ne(string path, object? value) => Compare(path, ComparisonOperator.NotEqual, value);

    public static ComparisonFilter Co(string path, object? value) => Compare(path, ComparisonOperator.Contains, value);

    public static ComparisonFilter Sw(string path, object? value) => Compare(path, ComparisonOperator.StartsWith, value);

    public static ComparisonFilter Ew(string path, object? value) => Compare(path, ComparisonOperator.EndsWith, value);

    public static ComparisonFilter Gt(string path, object? value) => Compare(path, ComparisonOperator.GreaterThan, value);

    public static ComparisonFilter Ge(string path, object? value) => Compare(path, ComparisonOperator.GreaterOrEqual, value);

    public static ComparisonFilter Lt(string path, object? value) => Compare(path, ComparisonOperator.LessThan, value);

    public static ComparisonFilter Le(string path, object? value) => Compare(path, ComparisonOperator.LessOrEqual, value);

    public static PresentFilter Pr(string path) => new(Path(path));

    public static AndFilter And(Filter left, Filter right) => new(left, right);

    public static OrFilter Or(Filter left, Filter right) => new(left, right);

    public static NotFilter Not(Filter inner) => new(inner);

    public static ValuePathFilter Where(string path, Filter inner) => new(Path(path), inner);
}
