using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Api.Core.Compatibility;
using Scim.Api.Core.Json;
using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Filters;

/// <summary>
/// Compares the values found at a path with a filter value, by the type of the attribute (RFC 7644 §3.4.2.2).
/// Multi-valued attributes match when any value matches. <c>ne</c> is the negation of <c>eq</c>: it matches when no
/// value equals, so also when the attribute is absent. <c>eq null</c> means absent and <c>ne null</c> present.
/// Values whose type does not fit the attribute never match; nothing here throws.
/// </summary>
internal static class ValueComparison
{
    public static bool Matches(IReadOnlyList<JsonNode> values, AttributeDefinition? target, ComparisonOperator op, FilterValue expected)
    {
        if (expected is NullValue)
        {
            var present = values.Any(JsonNodes.IsPresent);
            return op switch
            {
                ComparisonOperator.Equal => !present,
                ComparisonOperator.NotEqual => present,
                _ => false,
            };
        }

        if (op == ComparisonOperator.NotEqual)
        {
            return !Matches(values, target, ComparisonOperator.Equal, expected);
        }

        var compared = target is { Type: AttributeType.Complex } ? FilterTargets.Compared(target) : target;
        var type = compared?.Type ?? AttributeType.String;
        var caseExact = compared?.CaseExact ?? false;
        foreach (var node in values)
        {
            // A complex value compared as a whole means its "value" sub-attribute.
            var leaf = node is JsonObject ? JsonNodes.Find(node, FilterTargets.ValueSubAttribute) : node;
            if (leaf is JsonValue value && Compare(value, type, caseExact, op, expected))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Compare(JsonValue actual, AttributeType type, bool caseExact, ComparisonOperator op, FilterValue expected) => type switch
    {
        AttributeType.Boolean => op == ComparisonOperator.Equal && TryReadBoolean(actual, out var a) && TryGetBoolean(expected, out var b) && a == b,
        AttributeType.Integer or AttributeType.Decimal => TryReadNumber(actual, out var x) && TryGetNumber(expected, out var y) && Order(x.CompareTo(y), op),
        AttributeType.DateTime => TryReadDateTime(actual, out var t) && expected is StringValue text
            && ScimDateTime.TryParse(text.Value, out var u) && Order(t.UtcDateTime.CompareTo(u.UtcDateTime), op),

        // RFC 7643 §2.3.6: binary values are case-exact.
        AttributeType.Binary => op == ComparisonOperator.Equal && JsonNodes.ReadString(actual) is { } data
            && expected is StringValue bytes && string.Equals(data, bytes.Value, StringComparison.Ordinal),
        _ => ReadText(actual) is { } actualText && TextOf(expected) is { } expectedText
            && CompareText(actualText, expectedText, caseExact ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase, op),
    };

    private static bool CompareText(string actual, string expected, StringComparison comparison, ComparisonOperator op) => op switch
    {
        ComparisonOperator.Contains => actual.Contains(expected, comparison),
        ComparisonOperator.StartsWith => actual.StartsWith(expected, comparison),
        ComparisonOperator.EndsWith => actual.EndsWith(expected, comparison),
        _ => Order(string.Compare(actual, expected, comparison), op),
    };

    private static bool Order(int comparison, ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => comparison == 0,
        ComparisonOperator.GreaterThan => comparison > 0,
        ComparisonOperator.GreaterOrEqual => comparison >= 0,
        ComparisonOperator.LessThan => comparison < 0,
        ComparisonOperator.LessOrEqual => comparison <= 0,
        _ => false,
    };

    private static string? ReadText(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => JsonNodes.ReadString(value),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
        _ => null,
    };

    private static string? TextOf(FilterValue value) => value switch
    {
        StringValue text => text.Value,
        NumberValue number => number.Value.ToString(CultureInfo.InvariantCulture),
        BooleanValue flag => flag.Value ? "true" : "false",
        _ => null,
    };

    private static bool TryReadBoolean(JsonValue value, out bool result)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.True:
                result = true;
                return true;
            case JsonValueKind.False:
                result = false;
                return true;
            default:
                return IdpCompatibility.TryReadBooleanString(value, out result);
        }
    }

    private static bool TryGetBoolean(FilterValue value, out bool result)
    {
        switch (value)
        {
            case BooleanValue flag:
                result = flag.Value;
                return true;
            case StringValue text:
                return bool.TryParse(text.Value, out result);
            default:
                result = false;
                return false;
        }
    }

    private static bool TryReadNumber(JsonValue value, out decimal result)
    {
        var text = value.GetValueKind() switch
        {
            JsonValueKind.Number => value.ToJsonString(),
            JsonValueKind.String => JsonNodes.ReadString(value),
            _ => null,
        };
        result = 0;
        return text is not null && JsonLiteralText.IsNumber(text) && JsonLiteralText.TryConvertNumber(text, out result);
    }

    private static bool TryGetNumber(FilterValue value, out decimal result)
    {
        switch (value)
        {
            case NumberValue number:
                result = number.Value;
                return true;
            case StringValue text when JsonLiteralText.IsNumber(text.Value):
                return JsonLiteralText.TryConvertNumber(text.Value, out result);
            default:
                result = 0;
                return false;
        }
    }

    private static bool TryReadDateTime(JsonValue value, out DateTimeOffset result)
    {
        result = default;
        return value.GetValueKind() == JsonValueKind.String && JsonNodes.ReadString(value) is { } text && ScimDateTime.TryParse(text, out result);
    }
}
