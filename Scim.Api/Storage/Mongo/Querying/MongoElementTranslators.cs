using MongoDB.Bson;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Paths;
using Scim.Api.Core.Schema;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// Where one sub-attribute of a complex value is read: as a query field (<c>type</c> inside <c>$elemMatch</c>,
/// <c>fold.name.givenName</c>, a membership row's <c>typeKey</c>) and as an aggregation expression
/// (<c>$$e.type</c>); <see cref="Folded"/> when the field holds folded text. <see cref="Constant"/> is set for values
/// that are not stored (User.groups.type is "direct").
/// </summary>
internal sealed record MongoElementTarget(string QueryField, string? ExpressionField, AttributeType Type, bool Folded, string? Constant = null)
{
    /// <summary>A sub-attribute that is computed when returned and never stored (members.$ref): never present.</summary>
    public bool NeverStored { get; init; }

    public static MongoElementTarget ForSubAttribute(AttributeDefinition? attribute, string name, string queryPrefix, string? expressionPrefix)
    {
        var sub = attribute?.FindSubAttribute(name);
        var field = MongoFoldedDocument.FieldName(sub?.Name ?? name, sub is not null);
        return new MongoElementTarget(
            queryPrefix + field,
            expressionPrefix is null ? null : expressionPrefix + field,
            sub?.Type ?? AttributeType.String,
            MongoFoldedDocument.IsFolded(sub));
    }
}

/// <summary>Helpers shared by the translators of a value filter's inner part (RFC 7644 §3.4.2.2 <c>valFilter</c>).</summary>
internal static class MongoElementFilters
{
    /// <summary>Whether some comparison inside must be an aggregation expression (<see cref="MongoConditions.NeedsExpression"/>).</summary>
    public static bool NeedExpression(Filter filter, Func<AttributePath, MongoElementTarget> targetOf) => filter switch
    {
        AndFilter and => NeedExpression(and.Left, targetOf) || NeedExpression(and.Right, targetOf),
        OrFilter or => NeedExpression(or.Left, targetOf) || NeedExpression(or.Right, targetOf),
        NotFilter not => NeedExpression(not.Inner, targetOf),
        ComparisonFilter comparison => targetOf(comparison.Path) is { Constant: null } target
            && MongoConditions.NeedsExpression(target.Type, comparison.Operator, comparison.Value),
        _ => false,
    };

    public static bool ConstantMatches(string constant, ComparisonOperator op, FilterValue value)
    {
        // The one rule for case-insensitive text: both sides folded, then compared exactly.
        var text = MongoCaseFolding.Fold(MongoConditions.TextOf(value));
        constant = MongoCaseFolding.Fold(constant);
        var comparison = StringComparison.Ordinal;
        return op switch
        {
            ComparisonOperator.Equal => string.Equals(constant, text, comparison),
            ComparisonOperator.NotEqual => !string.Equals(constant, text, comparison),
            ComparisonOperator.Contains => constant.Contains(text, comparison),
            ComparisonOperator.StartsWith => constant.StartsWith(text, comparison),
            ComparisonOperator.EndsWith => constant.EndsWith(text, comparison),
            ComparisonOperator.GreaterThan => string.Compare(constant, text, comparison) > 0,
            ComparisonOperator.GreaterOrEqual => string.Compare(constant, text, comparison) >= 0,
            ComparisonOperator.LessThan => string.Compare(constant, text, comparison) < 0,
            _ => string.Compare(constant, text, comparison) <= 0,
        };
    }

    public static ScimException NestedValueFilter(ValuePathFilter filter) =>
        ScimException.InvalidFilter($"Value filters cannot be nested: '{filter.Path}[…]' is inside another value filter.");
}

/// <summary>Translates a value filter's inner part to query operators over the fields <c>targetOf</c> gives.</summary>
internal sealed class MongoElementQueryTranslator(Func<AttributePath, MongoElementTarget> targetOf) : IFilterVisitor<BsonDocument>
{
    public BsonDocument VisitAnd(AndFilter filter) => MongoConditions.And([filter.Left.Accept(this), filter.Right.Accept(this)]);

    public BsonDocument VisitOr(OrFilter filter) => MongoConditions.Or([filter.Left.Accept(this), filter.Right.Accept(this)]);

    public BsonDocument VisitNot(NotFilter filter) => MongoConditions.Not(filter.Inner.Accept(this));

    public BsonDocument VisitPresent(PresentFilter filter)
    {
        var target = targetOf(filter.Path);
        return target.NeverStored ? MongoConditions.Never(MongoFields.Id)
            : target.Constant is null ? MongoConditions.Present(target.QueryField) : MongoConditions.Always;
    }

    public BsonDocument VisitComparison(ComparisonFilter filter)
    {
        var target = targetOf(filter.Path);
        if (target.NeverStored)
        {
            // Absent: "eq null" and "ne" hold, everything else fails.
            var holds = filter.Value is NullValue ? filter.Operator == ComparisonOperator.Equal : filter.Operator == ComparisonOperator.NotEqual;
            return holds ? MongoConditions.Always : MongoConditions.Never(MongoFields.Id);
        }

        if (target.Constant is { } constant)
        {
            return filter.Value is NullValue
                ? (filter.Operator == ComparisonOperator.NotEqual ? MongoConditions.Always : MongoConditions.Never(MongoFields.Id))
                : MongoElementFilters.ConstantMatches(constant, filter.Operator, filter.Value) ? MongoConditions.Always : MongoConditions.Never(MongoFields.Id);
        }

        if (filter.Value is NullValue)
        {
            var present = MongoConditions.Present(target.QueryField);
            return filter.Operator == ComparisonOperator.NotEqual ? present : MongoConditions.Not(present);
        }

        if (filter.Operator == ComparisonOperator.NotEqual)
        {
            return MongoConditions.Not(VisitComparison(filter with { Operator = ComparisonOperator.Equal }));
        }

        if (MongoConditions.NeedsExpression(target.Type, filter.Operator, filter.Value))
        {
            var expression = target.ExpressionField
                ?? throw new InvalidOperationException("This comparison needs an aggregation expression; translate the value filter with $expr.");
            return new BsonDocument("$expr", MongoExpressions.Compare(expression, target.Type, target.Folded, filter.Operator, filter.Value));
        }

        return MongoConditions.Compare(target.QueryField, target.Type, target.Folded, filter.Operator, filter.Value);
    }

    public BsonDocument VisitValuePath(ValuePathFilter filter) => throw MongoElementFilters.NestedValueFilter(filter);
}

/// <summary>Translates a value filter's inner part to an aggregation expression over the fields <c>targetOf</c> gives.</summary>
internal sealed class MongoElementExpressionTranslator(Func<AttributePath, MongoElementTarget> targetOf) : IFilterVisitor<BsonValue>
{
    public BsonValue VisitAnd(AndFilter filter) => MongoExpressions.And(filter.Left.Accept(this), filter.Right.Accept(this));

    public BsonValue VisitOr(OrFilter filter) => MongoExpressions.Or(filter.Left.Accept(this), filter.Right.Accept(this));

    public BsonValue VisitNot(NotFilter filter) => MongoExpressions.Not(filter.Inner.Accept(this));

    public BsonValue VisitPresent(PresentFilter filter)
    {
        var target = targetOf(filter.Path);
        return target.Constant is null ? MongoExpressions.Present(Field(target)) : true;
    }

    public BsonValue VisitComparison(ComparisonFilter filter)
    {
        var target = targetOf(filter.Path);
        if (target.Constant is { } constant)
        {
            return filter.Value is NullValue
                ? filter.Operator == ComparisonOperator.NotEqual
                : MongoElementFilters.ConstantMatches(constant, filter.Operator, filter.Value);
        }

        if (filter.Value is NullValue)
        {
            var present = MongoExpressions.Present(Field(target));
            return filter.Operator == ComparisonOperator.NotEqual ? present : MongoExpressions.Not(present);
        }

        return filter.Operator == ComparisonOperator.NotEqual
            ? MongoExpressions.Not(VisitComparison(filter with { Operator = ComparisonOperator.Equal }))
            : MongoExpressions.Compare(Field(target), target.Type, target.Folded, filter.Operator, filter.Value);
    }

    public BsonValue VisitValuePath(ValuePathFilter filter) => throw MongoElementFilters.NestedValueFilter(filter);

    private static string Field(MongoElementTarget target) =>
        target.ExpressionField ?? throw new InvalidOperationException("The element target has no expression field.");
}
