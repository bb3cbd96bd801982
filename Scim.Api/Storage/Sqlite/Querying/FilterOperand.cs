using System.Globalization;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Schema;
using Scim.Api.Storage.Sqlite.Text;

namespace Scim.Api.Storage.Sqlite.Querying;

/// <summary>
/// Checks that an operator suits the attribute's type and reads the comparison value as that type
/// (RFC 7644 §3.4.2.2); a mismatch is the client's mistake, reported as 400 invalidFilter.
/// </summary>
internal static class FilterOperand
{
    public static void CheckSupported(ValueSet values, ComparisonOperator op)
    {
        var ordering = op is ComparisonOperator.GreaterThan or ComparisonOperator.GreaterOrEqual
            or ComparisonOperator.LessThan or ComparisonOperator.LessOrEqual;
        var substring = op is ComparisonOperator.Contains or ComparisonOperator.StartsWith or ComparisonOperator.EndsWith;
        var supported = values.Type switch
        {
            AttributeType.String or AttributeType.Reference => true,

            // RFC 7644 §3.4.2.2: gt, ge, lt and le on boolean or binary attributes are invalidFilter; binary
            // values are opaque, so neither are substrings of them.
            AttributeType.Boolean or AttributeType.Binary => !ordering && !substring,
            AttributeType.Integer or AttributeType.Decimal or AttributeType.DateTime => !substring,
            _ => false,
        };
        if (!supported)
        {
            throw ScimException.InvalidFilter(
                $"The operator '{ComparisonOperatorText.ToText(op)}' cannot be used with '{values.Name}', a {AttributeResolver.TypeName(values.Type)} attribute.");
        }
    }

    public static string Text(ValueSet values, FilterValue operand) => operand switch
    {
        StringValue text => text.Value,
        _ => throw Mismatch(values, operand, "a quoted string"),
    };

    public static bool Boolean(ValueSet values, FilterValue operand) => operand switch
    {
        BooleanValue boolean => boolean.Value,

        // Some IdPs quote booleans ("True"), as they do in request bodies.
        StringValue text when bool.TryParse(text.Value.Trim(), out var parsed) => parsed,
        _ => throw Mismatch(values, operand, "true or false"),
    };

    public static object Number(ValueSet values, FilterValue operand)
    {
        var number = operand switch
        {
            NumberValue value => value.Value,
            _ => throw Mismatch(values, operand, "a number"),
        };
        if (values.Type == AttributeType.Integer && decimal.Truncate(number) == number && number is >= long.MinValue and <= long.MaxValue)
        {
            return (long)number;
        }

        return (double)number;
    }

    public static string Instant(ValueSet values, FilterValue operand)
    {
        var text = operand as StringValue ?? throw Mismatch(values, operand, "a quoted dateTime such as \"2024-05-01T08:30:00Z\"");
        return InstantText.Normalize(text.Value)
            ?? throw ScimException.InvalidFilter(
                $"'{text.Value}' is not a dateTime; '{values.Name}' compares with values such as \"2024-05-01T08:30:00Z\".");
    }

    private static ScimException Mismatch(ValueSet values, FilterValue operand, string expected) =>
        ScimException.InvalidFilter(
            $"'{values.Name}' is a {AttributeResolver.TypeName(values.Type)} attribute; compare it with {expected}, not {Describe(operand)}.");

    private static string Describe(FilterValue operand) => operand switch
    {
        StringValue text => $"\"{text.Value}\"",
        _ => Convert.ToString(operand, CultureInfo.InvariantCulture) ?? "",
    };
}
