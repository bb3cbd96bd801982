using System.Globalization;
using MongoDB.Bson;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Validation;
using Scim.Api.Core.Versioning;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// Query-operator conditions on one field (RFC 7644 §3.4.2.2). Client values only ever appear as BSON values or
/// escaped regex patterns; operator keys are chosen here from the filter's operator enum.
/// Multi-valued fields get MongoDB's array semantics, which are the filter's "any value" semantics.
/// </summary>
internal static class MongoConditions
{
    /// <summary>What <c>pr</c> treats as absent: missing (matched by null), null, "", [] and {}.</summary>
    public static readonly BsonArray EmptyValues = [BsonNull.Value, "", new BsonArray(), new BsonDocument()];

    public static BsonDocument Always => [];

    public static BsonDocument Never(string field) => new(field, new BsonDocument("$in", new BsonArray()));

    public static BsonDocument Present(string field) => new(field, new BsonDocument("$nin", EmptyValues.DeepClone()));

    public static BsonDocument Not(BsonDocument condition) => new("$nor", new BsonArray { condition });

    public static BsonDocument And(IEnumerable<BsonDocument> conditions) => Combine("$and", conditions);

    public static BsonDocument Or(IEnumerable<BsonDocument> conditions) => Combine("$or", conditions);

    /// <summary>
    /// Whether a comparison cannot be written with query operators: dateTimes stored as text compare as instants,
    /// not as text. (Case-insensitive text needs none: it compares folded text exactly.)
    /// </summary>
    public static bool NeedsExpression(AttributeType type, ComparisonOperator op, FilterValue value) =>
        value is not NullValue && op != ComparisonOperator.NotEqual && type == AttributeType.DateTime;

    public static bool IsOrdering(ComparisonOperator op) =>
        op is ComparisonOperator.GreaterThan or ComparisonOperator.GreaterOrEqual or ComparisonOperator.LessThan or ComparisonOperator.LessOrEqual;

    /// <summary>An eq/co/sw/ew/gt/ge/lt/le comparison (ne and null are handled by the callers) on a stored value.</summary>
    public static BsonDocument Compare(string field, AttributeType type, bool folded, ComparisonOperator op, FilterValue value) => type switch
    {
        AttributeType.Boolean => ToBoolean(value) is { } flag && op == ComparisonOperator.Equal ? new BsonDocument(field, flag) : Never(field),
        AttributeType.Integer or AttributeType.Decimal => ToNumber(value) is { } number ? Ordered(field, op, number) : Never(field),
        AttributeType.Binary => op == ComparisonOperator.Equal && value is StringValue data ? new BsonDocument(field, data.Value) : Never(field),
        _ => CompareText(field, folded, op, TextOf(value)),
    };

    /// <summary>
    /// Text comparisons, exact on what the field holds: when it holds folded text (<paramref name="folded"/>), the
    /// operand is folded the same way, so "eq" is an equality an index serves, "co"/"sw"/"ew" are escaped, anchored
    /// regexes without the <c>i</c> option, and ordering is MongoDB's binary order of the folded text (the order the
    /// SQLite store gives it).
    /// </summary>
    public static BsonDocument CompareText(string field, bool folded, ComparisonOperator op, string text)
    {
        var operand = folded ? MongoCaseFolding.Fold(text) : text;
        return op switch
        {
            ComparisonOperator.Equal => new BsonDocument(field, operand),
            ComparisonOperator.Contains => Regex(field, MongoRegex.Contains(operand)),
            ComparisonOperator.StartsWith => Regex(field, MongoRegex.StartsWith(operand)),
            ComparisonOperator.EndsWith => Regex(field, MongoRegex.EndsWith(operand)),
            _ => Ordered(field, op, operand),
        };
    }

    /// <summary>meta.created / meta.lastModified: instants compared in 100 ns ticks, every tick the service wrote.</summary>
    public static BsonDocument CompareDate(string field, ComparisonOperator op, FilterValue value) =>
        value is StringValue text && ScimDateTime.TryParse(text.Value, out var instant)
            ? Ordered(field, op, instant.UtcTicks)
            : throw ScimException.InvalidFilter($"'{TextOf(value)}' is not a dateTime such as \"2015-10-10T14:38:21Z\".");

    /// <summary>meta.version: an entity tag, compared for equality with the version counter.</summary>
    public static BsonDocument CompareVersion(string field, ComparisonOperator op, FilterValue value)
    {
        if (op != ComparisonOperator.Equal)
        {
            throw ScimException.InvalidFilter("'meta.version' supports only eq, ne and pr.");
        }

        return value is StringValue tag && EntityTag.TryParse(tag.Value, out var version)
            ? new BsonDocument(field, version)
            : Never(field);
    }

    public static BsonDateTime ToBsonDate(DateTimeOffset instant) => new(instant.UtcDateTime);

    /// <summary>RFC 7644 §3.4.2.2 "pr" on a resource attribute: an equality on the <c>present</c> list.</summary>
    public static BsonDocument PresentAttribute(ResolvedAttribute resolved) => new(MongoFields.Present, MongoPresence.KeyOf(resolved));

    public static BsonValue? ToNumber(FilterValue value) => value switch
    {
        NumberValue number => MongoJsonConverter.ToBsonNumber(number.Value.ToString(CultureInfo.InvariantCulture)),
        _ => null,
    };

    public static bool? ToBoolean(FilterValue value) => value switch
    {
        BooleanValue flag => flag.Value,
        StringValue text when bool.TryParse(text.Value, out var parsed) => parsed,
        _ => null,
    };

    /// <summary>The number or boolean whose JSON text is <paramref name="text"/> exactly, if any.</summary>
    public static BsonValue? AsJsonScalar(string text)
    {
        if (text is "true" or "false")
        {
            return text == "true";
        }

        var isJsonNumber = text.Length > 0 && (char.IsAsciiDigit(text[0]) || (text[0] == '-' && text.Length > 1))
            && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out _)
            && !(text.Length > 1 && text[0] == '0' && char.IsAsciiDigit(text[1]));
        // A number no store holds exactly equals no stored value.
        return isJsonNumber && StorableNumbers.IsExact(text) ? MongoJsonConverter.ToBsonNumber(text) : null;
    }

    public static string TextOf(FilterValue value) => value switch
    {
        StringValue text => text.Value,
        NumberValue number => number.Value.ToString(CultureInfo.InvariantCulture),
        BooleanValue flag => flag.Value ? "true" : "false",
        _ => "",
    };

    public static string OperatorKey(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "$eq",
        ComparisonOperator.GreaterThan => "$gt",
        ComparisonOperator.GreaterOrEqual => "$gte",
        ComparisonOperator.LessThan => "$lt",
        ComparisonOperator.LessOrEqual => "$lte",
        _ => throw new InvalidOperationException($"{op} is not an ordering operator."),
    };

    private static BsonDocument Ordered(string field, ComparisonOperator op, BsonValue value) =>
        op == ComparisonOperator.Equal
            ? new BsonDocument(field, value)
            : IsOrdering(op)
                ? new BsonDocument(field, new BsonDocument(OperatorKey(op), value))
                : Never(field);

    private static BsonDocument Regex(string field, string pattern) =>
        new(field, new BsonRegularExpression(pattern, ""));

    private static BsonDocument Combine(string op, IEnumerable<BsonDocument> conditions)
    {
        var list = new BsonArray();
        foreach (var condition in conditions)
        {
            if (condition.ElementCount == 0)
            {
                // An always-true part decides an "or" and adds nothing to an "and".
                if (op == "$or")
                {
                    return Always;
                }

                continue;
            }

            // Flatten nested and/or of the same kind: "a and b and c" parses as ((a and b) and c).
            if (condition.ElementCount == 1 && condition.GetElement(0).Name == op)
            {
                list.AddRange(condition[0].AsBsonArray);
            }
            else
            {
                list.Add(condition);
            }
        }

        if (op == "$or")
        {
            list = EqualitiesAsIn(list);
        }
        else if (list.Count > 1 && Merged(list) is { } merged)
        {
            return merged;
        }

        return list.Count switch
        {
            0 => Always,
            1 => list[0].AsBsonDocument,
            _ => new BsonDocument(op, list),
        };
    }

    // "a eq 1 or a eq 2 or …" (a filter may hold a thousand of them) becomes one { a: { $in: [1, 2, …] } }: one
    // index scan with many bounds instead of a thousand-branch $or for the planner to enumerate.
    private static BsonArray EqualitiesAsIn(BsonArray alternatives)
    {
        var byField = new Dictionary<string, BsonArray>(StringComparer.Ordinal);
        var result = new BsonArray();
        foreach (var alternative in alternatives)
        {
            if (alternative is BsonDocument { ElementCount: 1 } single && !single.GetElement(0).Name.StartsWith('$')
                && EqualValues(single[0]) is { } equal)
            {
                var field = single.GetElement(0).Name;
                if (!byField.TryGetValue(field, out var values))
                {
                    values = [];
                    byField[field] = values;
                    result.Add(new BsonDocument(field, new BsonDocument("$in", values)));
                }

                values.AddRange(equal);
                continue;
            }

            result.Add(alternative);
        }

        // A field named once keeps its plain form.
        return new BsonArray(result.Select(item => item is BsonDocument { ElementCount: 1 } document
            && document[0] is BsonDocument { ElementCount: 1 } inner && inner.GetElement(0).Name == "$in" && inner[0].AsBsonArray.Count == 1
            && byField.ContainsKey(document.GetElement(0).Name)
                ? new BsonDocument(document.GetElement(0).Name, inner[0].AsBsonArray[0])
                : item));
    }

    // The values a condition on one field accepts by equality: { f: v } or { f: { $in: [...] } }; null for any other.
    private static IEnumerable<BsonValue>? EqualValues(BsonValue condition) => condition switch
    {
        BsonDocument { ElementCount: 1 } inner when inner.GetElement(0).Name == "$in" => inner[0].AsBsonArray,
        BsonDocument or BsonArray => null,
        _ => [condition],
    };

    // "a and b" on different fields is one document { a, b }: the form the planner and a reader see most easily.
    private static BsonDocument? Merged(BsonArray conditions)
    {
        var merged = new BsonDocument();
        foreach (var condition in conditions)
        {
            foreach (var element in condition.AsBsonDocument)
            {
                if (merged.Contains(element.Name))
                {
                    return null;
                }

                merged.Add(element);
            }
        }

        return merged;
    }

    /// <summary>How deeply documents and arrays nest in <paramref name="value"/>.</summary>
    public static int Depth(BsonValue value) => value switch
    {
        BsonDocument document => 1 + (document.ElementCount == 0 ? 0 : document.Values.Max(Depth)),
        BsonArray array => 1 + (array.Count == 0 ? 0 : array.Max(Depth)),
        _ => 0,
    };
}
