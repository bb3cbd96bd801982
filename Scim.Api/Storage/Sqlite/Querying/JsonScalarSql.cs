namespace Scim.Api.Storage.Sqlite.Querying;

/// <summary>
/// SQL over one JSON value given as json_each's (<c>type</c>, <c>value</c>) pair, mirroring how the in-memory
/// filter evaluator reads JSON values.
/// </summary>
internal static class JsonScalarSql
{
    private const string PresentScalarTypes = "('integer', 'real', 'true', 'false')";

    /// <summary>
    /// The value read as text, as an undeclared attribute compares: strings as they are, numbers and booleans
    /// by their JSON text, an object by its <c>value</c> member; NULL for anything else.
    /// </summary>
    public static string Text(string type, string value)
    {
        var member = $"json_type({value}, '$.value')";
        var memberValue = $"({value} ->> '$.value')";
        return $"CASE {type} WHEN 'object' THEN {ScalarText(member, memberValue)} ELSE {ScalarText(type, value)} END";
    }

    /// <summary>
    /// RFC 7644 §3.4.2.2 "pr": null, "" and empty arrays and objects have no value, and neither have arrays and
    /// objects holding only such values; <paramref name="alias"/> names the json_tree walk over a container.
    /// </summary>
    public static string Present(string type, string value, string alias) =>
        $"({type} IN {PresentScalarTypes} OR ({type} = 'text' AND {value} <> '') "
        + $"OR CASE WHEN {type} IN ('object', 'array') THEN EXISTS (SELECT 1 FROM json_tree({value}) AS {alias} "
        + $"WHERE {alias}.type IN {PresentScalarTypes} OR ({alias}.type = 'text' AND {alias}.atom <> '')) ELSE 0 END)";

    /// <summary>A JSON boolean, or a string saying "true"/"false" in any case (IdPs send "True").</summary>
    public static string IsBoolean(string type, string value, bool expected)
    {
        var word = expected ? "true" : "false";
        return $"({type} = '{word}' OR ({type} = 'text' AND lower(trim({value})) = '{word}'))";
    }

    private static string ScalarText(string type, string value) =>
        $"(CASE {type} WHEN 'text' THEN {value} WHEN 'integer' THEN CAST({value} AS TEXT) WHEN 'real' THEN CAST({value} AS TEXT) "
        + $"WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' END)";
}
