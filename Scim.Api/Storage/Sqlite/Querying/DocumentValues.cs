using Scim.Api.Core.Errors;
using Scim.Api.Core.Schema;
using Scim.Api.Storage.Sqlite.Text;

namespace Scim.Api.Storage.Sqlite.Querying;

/// <summary>
/// The values of an attribute inside the JSON document, as SQLite's JSON functions read them. JSON paths are
/// parameters of <paramref name="sql"/>, because undeclared attribute names come from the client.
/// </summary>
internal sealed class DocumentValues(SqlContext sql, Func<string, ScimException> error)
{
    /// <summary>The values at a resolved path of the document; see <see cref="AttributeResolver.ForComparison"/>.</summary>
    public ValueSet Values(ResolvedAttribute resolved, bool presence)
    {
        var definition = resolved.Definition;
        var sub = resolved.SubDefinition;
        var subName = resolved.SubAttributeName;
        var complex = definition?.Type == AttributeType.Complex;
        if (subName is null && complex && !presence)
        {
            sub = definition!.FindSubAttribute(AttributeResolver.ValueSubAttribute)
                ?? throw error($"'{resolved.CanonicalText}' is complex and has no 'value' sub-attribute; compare one of its sub-attributes.");
            subName = sub.Name;
        }

        var name = subName is null || resolved.SubAttributeName is not null ? resolved.CanonicalText : $"{resolved.CanonicalText}.{subName}";
        var type = sub?.Type ?? (complex && subName is null ? AttributeType.Complex : resolved.TargetType);
        var caseExact = (subName is null ? definition?.CaseExact : sub?.CaseExact) ?? false;
        if (definition is { MultiValued: false } && (subName is null || sub is not null))
        {
            // A declared single value (active, name.familyName, the manager's value) is read in place.
            var path = sql.Parameter(JsonPathText.Of(resolved.ExtensionUrn, resolved.Name, subName));
            return new ValueSet
            {
                Name = name,
                Value = $"json_extract({AttributeResolver.Resource}.document, {path})",
                JsonType = $"json_type({AttributeResolver.Resource}.document, {path})",
                Type = type,
                CaseExact = caseExact,
            };
        }

        var elements = sql.Alias("e");
        var from = Elements(resolved, elements);
        if (subName is null)
        {
            return new ValueSet
            {
                Name = name,
                From = from,
                Value = $"{elements}.value",
                JsonType = $"{elements}.type",
                Order = $"{elements}.key",
                Type = type,
                CaseExact = caseExact,
                Undeclared = definition is null,
            };
        }

        var values = SubAttribute(elements, subName, sub, name);
        return values with
        {
            From = values.From is null ? from : $"{from}, {values.From}",

            // RFC 7644 §3.4.2.3: a multi-valued attribute sorts by its primary value, else its first.
            Order = $"CASE WHEN {elements}.type = 'object' THEN CASE WHEN ({elements}.value ->> '$.primary') = 1 THEN 0 ELSE 1 END ELSE 1 END, {elements}.key",
        };
    }

    // The attribute's values as rows of json_each. A declared multi-valued attribute is an array; anything
    // else (a single complex value under a value filter, an undeclared attribute) may be an array or one value.
    public string Elements(ResolvedAttribute resolved, string alias)
    {
        var path = sql.Parameter(JsonPathText.Of(resolved.ExtensionUrn, resolved.Name));
        var document = $"{AttributeResolver.Resource}.document";
        if (resolved.Definition is { MultiValued: true })
        {
            return $"json_each({document}, {path}) AS {alias}";
        }

        return $"json_each(CASE json_type({document}, {path}) WHEN 'array' THEN {document} -> {path} "
            + $"ELSE '[' || ({document} -> {path}) || ']' END) AS {alias}";
    }

    // A sub-attribute of the elements that are objects. A declared one holds a single value (RFC 7643 §2.4:
    // sub-attributes are not multi-valued); an undeclared one may be an array, whose elements all count.
    public ValueSet SubAttribute(string elements, string subName, AttributeDefinition? definition, string name)
    {
        var subPath = sql.Parameter(JsonPathText.Of(subName));
        var element = $"(CASE WHEN {elements}.type = 'object' THEN {elements}.value END)";
        if (definition is not null)
        {
            return new ValueSet
            {
                Name = name,
                Value = $"({element} ->> {subPath})",
                JsonType = $"json_type({element}, {subPath})",
                Type = definition.Type,
                CaseExact = definition.CaseExact,
            };
        }

        var values = sql.Alias("v");
        return new ValueSet
        {
            Name = name,
            From = $"json_each(CASE json_type({element}, {subPath}) WHEN 'array' THEN {element} -> {subPath} "
                + $"ELSE '[' || ({element} -> {subPath}) || ']' END) AS {values}",
            Value = $"{values}.value",
            JsonType = $"{values}.type",
            Undeclared = true,
        };
    }
}
