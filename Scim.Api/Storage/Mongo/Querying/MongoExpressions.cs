using MongoDB.Bson;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Schema;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// Aggregation expressions (for <c>$expr</c>) for the comparisons query operators cannot express: dateTimes stored
/// as text, and the other comparisons of a value filter that holds one. Client strings are always wrapped in
/// <c>$literal</c>, so a value such as <c>"$password"</c> stays a string and never becomes a field path. Text is
/// compared as stored in the folded copy, so a case-insensitive comparison is an exact one on folded text.
/// </summary>
internal static class MongoExpressions
{
    private static readonly BsonArray AbsentTypes = ["missing", "null"];

    public static BsonValue Literal(string text) => new BsonDocument("$literal", text);

    /// <summary>True when any value at the field path (an array's items, or the single value) satisfies the comparison.</summary>
    public static BsonDocument AnyValue(string fieldExpression, Func<string, BsonValue> comparison) =>
        new("$anyElementTrue", new BsonArray
        {
            new BsonDocument("$map", new BsonDocument
            {
                { "input", AsArray(fieldExpression) },
                { "as", "v" },
                { "in", comparison("$$v") },
            }),
        });

    /// <summary>An array of the values at the path: the array itself, or the single value wrapped.</summary>
    public static BsonDocument AsArray(string fieldExpression) =>
        new("$cond", new BsonDocument
        {
            { "if", new BsonDocument("$isArray", fieldExpression) },
            { "then", fieldExpression },
            { "else", new BsonArray { fieldExpression } },
        });

    public static BsonDocument Present(string value) => And(
        new BsonDocument("$not", new BsonArray { new BsonDocument("$in", new BsonArray { TypeOf(value), AbsentTypes.DeepClone() }) }),
        new BsonDocument("$ne", new BsonArray { value, Literal("") }),
        new BsonDocument("$ne", new BsonArray { value, new BsonDocument("$literal", new BsonArray()) }),
        new BsonDocument("$ne", new BsonArray { value, new BsonDocument("$literal", new BsonDocument()) }));

    /// <summary>An eq/co/sw/ew/gt/ge/lt/le comparison of one value (ne and null are handled by the callers).</summary>
    public static BsonValue Compare(string value, AttributeType type, bool folded, ComparisonOperator op, FilterValue expected)
    {
        switch (type)
        {
            case AttributeType.Boolean:
                return MongoConditions.ToBoolean(expected) is { } flag && op == ComparisonOperator.Equal
                    ? new BsonDocument("$eq", new BsonArray { value, flag })
                    : false;
            case AttributeType.Integer:
            case AttributeType.Decimal:
                return MongoConditions.ToNumber(expected) is { } number && (op == ComparisonOperator.Equal || MongoConditions.IsOrdering(op))
                    ? And(new BsonDocument("$isNumber", value), Ordered(value, op, number))
                    : false;
            case AttributeType.DateTime:
                return expected is StringValue text && ScimDateTime.TryParse(text.Value, out var instant) && (op == ComparisonOperator.Equal || MongoConditions.IsOrdering(op))
                    ? CompareDate(value, op, MongoConditions.ToBsonDate(instant))
                    : false;
            case AttributeType.Binary:
                return op == ComparisonOperator.Equal && expected is StringValue data
                    ? new BsonDocument("$eq", new BsonArray { value, Literal(data.Value) })
                    : false;
            default:
                return CompareText(value, folded, op, MongoConditions.TextOf(expected));
        }
    }

    private static BsonValue CompareText(string value, bool folded, ComparisonOperator op, string text)
    {
        var operand = folded ? MongoCaseFolding.Fold(text) : text;
        var isString = new BsonDocument("$eq", new BsonArray { TypeOf(value), "string" });
        string? pattern = op switch
        {
            ComparisonOperator.Contains => MongoRegex.Contains(operand),
            ComparisonOperator.StartsWith => MongoRegex.StartsWith(operand),
            ComparisonOperator.EndsWith => MongoRegex.EndsWith(operand),
            _ => null,
        };
        if (pattern is not null)
        {
            return And(isString, new BsonDocument("$regexMatch", new BsonDocument { { "input", value }, { "regex", pattern } }));
        }

        return op == ComparisonOperator.Equal
            ? new BsonDocument("$eq", new BsonArray { value, Literal(operand) })
            : And(isString, Ordered(value, op, Literal(operand)));
    }

    // A dateTime stored as text is parsed in the query; text that is not a date never matches.
    private static BsonDocument CompareDate(string value, ComparisonOperator op, BsonDateTime instant) =>
        new("$let", new BsonDocument
        {
            {
                "vars", new BsonDocument("d", new BsonDocument("$cond", new BsonDocument
                {
                    { "if", new BsonDocument("$eq", new BsonArray { TypeOf(value), "string" }) },
                    { "then", new BsonDocument("$dateFromString", new BsonDocument { { "dateString", value }, { "onError", BsonNull.Value } }) },
                    { "else", BsonNull.Value },
                }))
            },
            { "in", And(new BsonDocument("$ne", new BsonArray { "$$d", BsonNull.Value }), Ordered("$$d", op, instant)) },
        });

    public static BsonDocument Not(BsonValue expression) => new("$not", new BsonArray { expression });

    public static BsonDocument And(params IEnumerable<BsonValue> expressions) => new("$and", new BsonArray(expressions));

    public static BsonDocument Or(params IEnumerable<BsonValue> expressions) => new("$or", new BsonArray(expressions));

    private static BsonDocument TypeOf(string value) => new("$type", value);

    private static BsonDocument Ordered(BsonValue left, ComparisonOperator op, BsonValue right) =>
        new(MongoConditions.OperatorKey(op), new BsonArray { left, right });
}
