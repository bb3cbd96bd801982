using Scim.Api.Core.Errors;
using Scim.Api.Core.Paging;
using Scim.Api.Core.Schema;

namespace Scim.Api.Storage.Sqlite.Querying;

/// <summary>
/// Translates <c>sortBy</c>/<c>sortOrder</c> (RFC 7644 §3.4.2.3) into an ORDER BY on the resource row <c>r</c>:
/// caseExact=false text sorts by its folded form, dateTimes as instants, a multi-valued attribute by its primary
/// (else first) value. Resources without a value come last ascending and first descending; ties keep the order
/// in which the resources were created, so pages never overlap.
/// </summary>
internal static class SqliteSortTranslator
{
    public const string CreationOrder = $"{AttributeResolver.Resource}.seq";

    public static string OrderBy(ResourceTypeDefinition type, SortSpec? sort, SqlContext sql)
    {
        if (sort is null)
        {
            return CreationOrder;
        }

        var direction = sort.Descending ? "DESC NULLS FIRST" : "ASC NULLS LAST";
        return $"{KeyOf(type, sort, sql)} {direction}, {CreationOrder}";
    }

    /// <summary>The SQL expression whose value orders the resources (before the creation-order tie-break).</summary>
    public static string KeyOf(ResourceTypeDefinition type, SortSpec sort, SqlContext sql)
    {
        var resolver = new AttributeResolver(type, sql, detail => ScimException.InvalidValue($"sortBy: {detail}"));
        return SortKey(resolver.ForComparison(sort.By));
    }

    private static string SortKey(ValueSet values)
    {
        var key = Comparable(values);
        if (values.From is null)
        {
            return key;
        }

        var correlation = values.Correlation is null ? "" : $"{values.Correlation} AND ";
        var hasValue = values.JsonType is null || values.Undeclared
            ? $"{key} IS NOT NULL"
            : $"{values.JsonType} IN ('text', 'integer', 'real', 'true', 'false')";
        return $"(SELECT {key} FROM {values.From} WHERE {correlation}{hasValue} ORDER BY {values.Order} LIMIT 1)";
    }

    private static string Comparable(ValueSet values)
    {
        var value = values.Undeclared && values.JsonType is not null ? JsonScalarSql.Text(values.JsonType, values.Value) : values.Value;
        var text = values.JsonType is null || values.Undeclared ? null : $"{values.JsonType} = 'text'";
        string? converted = values switch
        {
            { Form: not ValueForm.Raw } => null,
            { Type: AttributeType.DateTime } => $"{SqlFunctions.Instant}({value})",
            { Type: AttributeType.String or AttributeType.Reference or AttributeType.Binary, CaseExact: false } => $"{SqlFunctions.Fold}({value})",
            _ => null,
        };
        if (converted is null)
        {
            return value;
        }

        return text is null ? converted : $"CASE WHEN {text} THEN {converted} ELSE {value} END";
    }
}
