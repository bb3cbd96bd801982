using System.Globalization;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Filters;

/// <summary>
/// Checks that an operator and a value fit the attribute they compare, and brings the value to the attribute's
/// kind: after resolution booleans compare with <see cref="BooleanValue"/>, numbers with <see cref="NumberValue"/>,
/// everything else (strings, references, binary, dateTime, undeclared attributes) with <see cref="StringValue"/>;
/// <see cref="NullValue"/> is kept for eq and ne.
/// </summary>
internal static class FilterValueRules
{
    public static FilterValue Check(string path, AttributeDefinition? compared, ComparisonOperator op, FilterValue value)
    {
        var opText = ComparisonOperatorText.ToText(op);
        if (value is NullValue)
        {
            return op is ComparisonOperator.Equal or ComparisonOperator.NotEqual
                ? value
                : throw ScimException.InvalidFilter($"'{path} {opText} null' cannot be evaluated; only eq and ne compare with null.");
        }

        var type = compared?.Type ?? AttributeType.String;
        switch (type)
        {
            case AttributeType.Boolean:
                // RFC 7644 §3.4.2.2: gt, ge, lt and le on a boolean attribute are an invalidFilter error.
                RequireEquality(path, op, "boolean");
                return value switch
                {
                    BooleanValue => value,
                    StringValue word when bool.TryParse(word.Value, out var flag) => flag ? BooleanValue.True : BooleanValue.False,
                    _ => throw WrongValue(path, value, "boolean", "true or false"),
                };
            case AttributeType.Binary:
                RequireEquality(path, op, "binary");
                return value is StringValue ? value : throw WrongValue(path, value, "binary", "a base64 string");
            case AttributeType.Integer:
            case AttributeType.Decimal:
                RequireOrdering(path, op, "numeric");
                return value switch
                {
                    NumberValue => value,
                    StringValue digits when JsonLiteralText.IsNumber(digits.Value) && JsonLiteralText.TryConvertNumber(digits.Value, out var number) => new NumberValue(number),
                    _ => throw WrongValue(path, value, "numeric", "a number"),
                };
            case AttributeType.DateTime:
                RequireOrdering(path, op, "dateTime");
                return value is StringValue text && ScimDateTime.TryParse(text.Value, out _)
                    ? value
                    : throw WrongValue(path, value, "dateTime", "a dateTime such as \"2015-10-10T14:38:21Z\"");
            case AttributeType.Complex:
                throw ScimException.InvalidFilter($"'{path}' is a complex attribute without a 'value' sub-attribute; compare one of its sub-attributes instead.");
            default:
                return value switch
                {
                    NumberValue number => new StringValue(number.Value.ToString(CultureInfo.InvariantCulture)),
                    BooleanValue flag => new StringValue(flag.Value ? "true" : "false"),
                    _ => value,
                };
        }
    }

    private static void RequireEquality(string path, ComparisonOperator op, string kind)
    {
        if (op is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual))
        {
            throw ScimException.InvalidFilter(
                $"The operator '{ComparisonOperatorText.ToText(op)}' cannot apply to the {kind} attribute '{path}'; {kind} attributes support eq, ne and pr.");
        }
    }

    private static void RequireOrdering(string path, ComparisonOperator op, string kind)
    {
        if (op is ComparisonOperator.Contains or ComparisonOperator.StartsWith or ComparisonOperator.EndsWith)
        {
            throw ScimException.InvalidFilter(
                $"The operator '{ComparisonOperatorText.ToText(op)}' cannot apply to the {kind} attribute '{path}'; {kind} attributes support eq, ne, gt, ge, lt, le and pr.");
        }
    }

    private static ScimException WrongValue(string path, FilterValue value, string kind, string expected) =>
        ScimException.InvalidFilter(
            $"'{path}' is a {kind} attribute and cannot be compared with {JsonLiteralText.Printable(FilterPrinter.Print(value))}; expected {expected}.");
}
