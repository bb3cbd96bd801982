using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Schema;
using Scim.Api.Storage.Sqlite.Text;

namespace Scim.Api.Storage.Sqlite.Querying;

/// <summary>
/// Translates a SCIM filter (RFC 7644 §3.4.2.2) into a SQL condition on the resource row <c>r</c>, with every
/// client value bound as a parameter of <see cref="SqlContext"/>. Conditions are 1 when they hold and 0 or NULL
/// when they do not; <c>not</c> and <c>ne</c> therefore use <c>IS NOT 1</c>, so that an absent attribute (NULL)
/// satisfies <c>ne</c> and <c>not</c> as the RFC's "has no value" reading requires.
/// </summary>
internal sealed class SqliteFilterTranslator : IFilterVisitor<string>
{
    private readonly AttributeResolver _resolver;
    private readonly SqlContext _sql;
    private ElementScope? _scope;

    public SqliteFilterTranslator(ResourceTypeDefinition type, SqlContext sql)
    {
        _sql = sql;
        _resolver = new AttributeResolver(type, sql, ScimException.InvalidFilter);
    }

    public string Translate(Filter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return filter.Accept(this);
    }

    // Chains render as balanced trees (LogicalChains): a left-deep chain of 999 ORs is deeper than SQLite's limit.
    public string VisitAnd(AndFilter filter) =>
        LogicalChains.Balance([.. LogicalChains.Operands(filter).Select(f => f.Accept(this))], static (l, r) => $"({l} AND {r})");

    public string VisitOr(OrFilter filter) =>
        LogicalChains.Balance([.. LogicalChains.Operands(filter).Select(f => f.Accept(this))], static (l, r) => $"({l} OR {r})");

    public string VisitNot(NotFilter filter) => Negate(filter.Inner.Accept(this));

    public string VisitPresent(PresentFilter filter)
    {
        var values = _scope is null ? _resolver.ForPresence(filter.Path) : _resolver.Within(_scope, filter.Path);
        return AnyValue(values, Presence(values));
    }

    public string VisitComparison(ComparisonFilter filter)
    {
        if (filter.Value is NullValue)
        {
            return CompareWithNull(filter);
        }

        var values = _scope is null ? _resolver.ForComparison(filter.Path) : _resolver.Within(_scope, filter.Path);
        if (filter.Operator == ComparisonOperator.NotEqual)
        {
            return Negate(AnyValue(values, Comparison(values, ComparisonOperator.Equal, filter.Value)));
        }

        return AnyValue(values, Comparison(values, filter.Operator, filter.Value));
    }

    public string VisitValuePath(ValuePathFilter filter)
    {
        if (_scope is not null)
        {
            throw ScimException.InvalidFilter($"Value filters cannot be nested: '{filter.Path}' is inside the value filter of '{_scope.Name}'.");
        }

        var scope = _resolver.Elements(filter.Path);
        _scope = scope;
        try
        {
            var inner = filter.Inner.Accept(this);
            var correlation = scope.Correlation is null ? "" : $"{scope.Correlation} AND ";
            return $"EXISTS (SELECT 1 FROM {scope.From} WHERE {correlation}{inner})";
        }
        finally
        {
            _scope = null;
        }
    }

    private static string Negate(string condition) => $"({condition}) IS NOT 1";

    // "attr eq null" asks for an attribute without a value; "attr ne null" for one with a value.
    private string CompareWithNull(ComparisonFilter filter)
    {
        var values = _scope is null ? _resolver.ForPresence(filter.Path) : _resolver.Within(_scope, filter.Path);
        var present = AnyValue(values, Presence(values));
        return filter.Operator switch
        {
            ComparisonOperator.Equal => Negate(present),
            ComparisonOperator.NotEqual => present,
            _ => throw ScimException.InvalidFilter(
                $"'{values.Name} {ComparisonOperatorText.ToText(filter.Operator)} null' is not a comparison; only eq and ne accept null."),
        };
    }

    private static string AnyValue(ValueSet values, string condition)
    {
        if (values.From is null)
        {
            return condition;
        }

        var correlation = values.Correlation is null ? "" : $"{values.Correlation} AND ";
        return $"EXISTS (SELECT 1 FROM {values.From} WHERE {correlation}{condition})";
    }

    private string Presence(ValueSet values) => values.JsonType is null
        ? $"({values.Value} IS NOT NULL AND {values.Value} <> '')"
        : JsonScalarSql.Present(values.JsonType, values.Value, _sql.Alias("t"));

    private string Comparison(ValueSet values, ComparisonOperator op, FilterValue operand)
    {
        FilterOperand.CheckSupported(values, op);
        return values.Type switch
        {
            AttributeType.Boolean => BooleanComparison(values, FilterOperand.Boolean(values, operand)),
            AttributeType.Integer or AttributeType.Decimal => Guarded(
                values, "IN ('integer', 'real')", Compare(values.Value, op, _sql.Parameter(FilterOperand.Number(values, operand)))),
            AttributeType.DateTime => Guarded(
                values, "= 'text'", Compare(Instant(values), op, _sql.Parameter(FilterOperand.Instant(values, operand)))),
            _ => TextComparison(values, op, FilterOperand.Text(values, operand)),
        };
    }

    private string TextComparison(ValueSet values, ComparisonOperator op, string text)
    {
        // RFC 7643 §2.3.6: binary values are case-exact whatever the definition says.
        var folded = !values.CaseExact && values.Type != AttributeType.Binary;
        var value = values.Undeclared && values.JsonType is not null ? JsonScalarSql.Text(values.JsonType, values.Value) : values.Value;
        var guard = values.Undeclared ? null : values.JsonType;
        var left = folded && values.Form == ValueForm.Raw ? $"{SqlFunctions.Fold}({value})" : value;
        var operand = folded ? TextFolding.Fold(text) : text;
        string condition;
        if (operand.Length == 0 && op is ComparisonOperator.Contains or ComparisonOperator.StartsWith or ComparisonOperator.EndsWith)
        {
            // Every text contains, starts and ends with the empty text.
            condition = $"{value} IS NOT NULL";
        }
        else
        {
            condition = Compare(left, op, _sql.Parameter(operand));
        }

        return guard is null ? condition : $"({guard} = 'text' AND {condition})";
    }

    private static string BooleanComparison(ValueSet values, bool expected) => values.JsonType is null
        ? $"{values.Value} = {(expected ? 1 : 0)}"
        : JsonScalarSql.IsBoolean(values.JsonType, values.Value, expected);

    private static string Instant(ValueSet values) =>
        values.Form == ValueForm.Instant ? values.Value : $"{SqlFunctions.Instant}({values.Value})";

    private static string Guarded(ValueSet values, string typeTest, string condition) =>
        values.JsonType is null ? condition : $"({values.JsonType} {typeTest} AND {condition})";

    private static string Compare(string left, ComparisonOperator op, string parameter) => op switch
    {
        ComparisonOperator.Equal => $"{left} = {parameter}",
        ComparisonOperator.GreaterThan => $"{left} > {parameter}",
        ComparisonOperator.GreaterOrEqual => $"{left} >= {parameter}",
        ComparisonOperator.LessThan => $"{left} < {parameter}",
        ComparisonOperator.LessOrEqual => $"{left} <= {parameter}",
        ComparisonOperator.Contains => $"instr({left}, {parameter}) > 0",
        ComparisonOperator.StartsWith => $"instr({left}, {parameter}) = 1",
        // Bytes, not characters: length() stops at a NUL character. A UTF-8 suffix match is a character suffix match.
        ComparisonOperator.EndsWith => $"substr(CAST({left} AS BLOB), -length(CAST({parameter} AS BLOB))) = CAST({parameter} AS BLOB)",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "ne is translated as the negation of eq."),
    };
}
