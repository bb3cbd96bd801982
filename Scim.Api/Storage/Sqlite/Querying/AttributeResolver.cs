using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Paths;
using Scim.Api.Core.Schema;
using Scim.Api.Storage.Sqlite.Schema;
using Scim.Api.Storage.Sqlite.Text;

namespace Scim.Api.Storage.Sqlite.Querying;

/// <summary>
/// Maps a client's attribute path to where its values live: an indexed shadow column (id, externalId, the
/// unique attribute, displayName, meta times), the JSON document, or the membership table (members, groups).
/// Paths resolve exactly as the in-memory evaluator resolves them (the Core filter resolver's rules), so that
/// the store and <see cref="FilterEvaluator"/> agree on every filter. The resource row is aliased <see cref="Resource"/>.
/// </summary>
internal sealed class AttributeResolver(ResourceTypeDefinition type, SqlContext sql, Func<string, ScimException> error)
{
    public const string Resource = "r";

    private const string ValueSubAttribute = "value";

    private readonly ResourceTypeLayout _layout = ResourceTypeLayout.Of(type);

    /// <summary>
    /// The values a comparison looks at. A complex attribute named without a sub-attribute stands for its
    /// <c>value</c> sub-attribute (<c>emails eq "x"</c> is <c>emails.value eq "x"</c>).
    /// </summary>
    public ValueSet ForComparison(AttributePath path) => Resolve(path, presence: false);

    /// <summary>The values whose presence <c>pr</c> tests; a complex attribute stands for itself.</summary>
    public ValueSet ForPresence(AttributePath path) => Resolve(path, presence: true);

    /// <summary>The elements a value filter (<c>emails[type eq "work"]</c>) iterates.</summary>
    public ElementScope Elements(AttributePath path)
    {
        var resolved = ResolveTop(path);
        if (resolved.SubAttributeName is not null)
        {
            throw error($"A value filter applies to a complex attribute; '{path}' is not one.");
        }

        var name = resolved.CanonicalText;
        if (IsStoredBeside(resolved))
        {
            throw error($"'{name}' cannot take a value filter; compare its sub-attributes directly (e.g. meta.lastModified).");
        }

        if (MembershipSideOf(resolved) is { } side)
        {
            var alias = sql.Alias("m");
            return new ElementScope(name, $"memberships AS {alias}", Correlation(side, alias), alias, resolved.Definition, side);
        }

        if (resolved.Definition is { Type: not AttributeType.Complex })
        {
            throw error($"A value filter applies to a complex attribute; '{name}' is a {TypeName(resolved.Definition.Type)}.");
        }

        var elements = sql.Alias("e");
        return new ElementScope(name, ElementsOf(resolved, elements), null, elements, resolved.Definition, null);
    }

    /// <summary>The values of a sub-attribute of the elements of <paramref name="scope"/>.</summary>
    public ValueSet Within(ElementScope scope, AttributePath path)
    {
        if (path.SchemaUrn is not null || path.SubAttribute is not null)
        {
            throw error($"Inside the value filter of '{scope.Name}', name a sub-attribute alone (e.g. type), not '{path}'.");
        }

        var definition = scope.Definition?.FindSubAttribute(path.Name);
        if (scope.Definition is not null && definition is null)
        {
            throw error($"'{path.Name}' is not a sub-attribute of '{scope.Name}'.");
        }

        var name = $"{scope.Name}.{definition?.Name ?? path.Name}";
        if (scope.Side is { } side)
        {
            return MembershipValue(side, scope.Alias, definition?.Name ?? path.Name, definition, name) with { From = null, Correlation = null };
        }

        var subPath = sql.Parameter(JsonPathText.Of(definition?.Name ?? path.Name));
        return SubAttributeOf(scope.Alias, subPath, definition, name);
    }

    private ResolvedAttribute ResolveTop(AttributePath path)
    {
        var resolved = FilterTargets.ResolveTop(type, path) ?? throw Unknown(path);
        return resolved.IsExtensionRoot
            ? throw error($"'{path}' names the whole extension '{resolved.ExtensionUrn}'; name one of its attributes.")
            : resolved;
    }

    private ValueSet Resolve(AttributePath path, bool presence)
    {
        var resolved = ResolveTop(path);
        if (IsStoredBeside(resolved))
        {
            return Common(resolved, presence);
        }

        if (resolved is { ExtensionUrn: null, SubAttributeName: null, Definition: { } definition })
        {
            if (_layout.IsUniqueAttribute(definition.Name))
            {
                return Shadow($"{Resource}.unique_key", definition);
            }

            if (_layout.IsDisplayNameAttribute(definition.Name))
            {
                return Shadow($"{Resource}.display_key", definition);
            }
        }

        if (MembershipSideOf(resolved) is { } side)
        {
            return Membership(side, resolved, presence);
        }

        return Document(resolved, presence);
    }

    // id, externalId and meta live in columns beside the document; "schemas" lives in the document.
    private static bool IsStoredBeside(ResolvedAttribute resolved) =>
        resolved.ExtensionUrn is null && ReferenceEquals(resolved.Schema, CommonAttributes.Schema)
        && resolved.Name is CommonAttributes.Id or CommonAttributes.ExternalId or CommonAttributes.Meta;

    private static ValueSet Common(ResolvedAttribute resolved, bool presence)
    {
        var name = resolved.CanonicalText;
        var target = resolved.Target!;
        return (resolved.Name, resolved.SubAttributeName) switch
        {
            (CommonAttributes.Id, null) => Column($"{Resource}.id", target, name),
            (CommonAttributes.ExternalId, null) => Column($"{Resource}.external_id", target, name),
            (CommonAttributes.Meta, null) when presence => Column($"{Resource}.created", target, name),
            (CommonAttributes.Meta, "created") => Column($"{Resource}.created", target, name) with { Form = ValueForm.Instant },
            (CommonAttributes.Meta, "lastModified") => Column($"{Resource}.last_modified", target, name) with { Form = ValueForm.Instant },
            (CommonAttributes.Meta, "resourceType") => Column($"{Resource}.type", target, name),
            (CommonAttributes.Meta, "version") => Column($"('W/\"' || {Resource}.version || '\"')", target, name),

            // meta.location is built from the request's base URL, and "meta" alone has no value: never stored.
            _ => ValueSet.Absent(name, target.Type),
        };
    }

    private static ValueSet Column(string column, AttributeDefinition definition, string name) =>
        new() { Name = name, Value = column, Type = definition.Type, CaseExact = definition.CaseExact };

    private static ValueSet Shadow(string column, AttributeDefinition definition) => new()
    {
        Name = definition.Name,
        Value = column,
        Type = definition.Type,
        CaseExact = definition.CaseExact,
        Form = definition.CaseExact ? ValueForm.Raw : ValueForm.Folded,
    };

    private MembershipSide? MembershipSideOf(ResolvedAttribute resolved)
    {
        if (resolved.ExtensionUrn is not null || resolved.Name is null)
        {
            return null;
        }

        if (_layout.HasMembers && resolved.Name == ResourceTypeLayout.MembersAttribute)
        {
            return MembershipSide.Members;
        }

        return _layout.HasGroups && resolved.Name == ResourceTypeLayout.GroupsAttribute ? MembershipSide.Groups : null;
    }

    private ValueSet Membership(MembershipSide side, ResolvedAttribute resolved, bool presence)
    {
        var alias = sql.Alias("m");
        var sub = resolved.SubDefinition ?? (presence ? null : resolved.Definition!.FindSubAttribute(ValueSubAttribute));
        var subName = sub?.Name ?? ValueSubAttribute;
        var name = sub is null ? resolved.CanonicalText : $"{resolved.Name}.{subName}";
        return MembershipValue(side, alias, subName, sub, name) with
        {
            From = $"memberships AS {alias}",
            Correlation = Correlation(side, alias),
        };
    }

    private static ValueSet MembershipValue(MembershipSide side, string alias, string subName, AttributeDefinition? definition, string name)
    {
        var ownId = side == MembershipSide.Members ? $"{alias}.member_id" : $"{alias}.group_id";
        var value = subName switch
        {
            "value" => ownId,
            "display" when side == MembershipSide.Members =>
                $"coalesce({alias}.display, (SELECT d.display_name FROM resources AS d WHERE d.tenant = {alias}.tenant AND d.id = {alias}.member_id LIMIT 1))",
            "display" =>
                $"(SELECT g.display_name FROM resources AS g WHERE g.tenant = {alias}.tenant AND g.id = {alias}.group_id LIMIT 1)",
            "type" when side == MembershipSide.Members => $"{alias}.member_type",
            "type" => "'direct'",
            _ => "NULL",
        };
        return new ValueSet
        {
            Name = name,
            Value = value,
            Order = ownId,
            Type = definition?.Type ?? AttributeType.String,
            CaseExact = definition?.CaseExact ?? false,
        };
    }

    private static string Correlation(MembershipSide side, string alias) => side == MembershipSide.Members
        ? $"{alias}.tenant = {Resource}.tenant AND {alias}.group_id = {Resource}.id"
        : $"{alias}.tenant = {Resource}.tenant AND {alias}.member_id = {Resource}.id";

    private ValueSet Document(ResolvedAttribute resolved, bool presence)
    {
        var definition = resolved.Definition;
        var sub = resolved.SubDefinition;
        var subName = resolved.SubAttributeName;
        var complex = definition?.Type == AttributeType.Complex;
        if (subName is null && complex && !presence)
        {
            sub = definition!.FindSubAttribute(ValueSubAttribute)
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
                Value = $"json_extract({Resource}.document, {path})",
                JsonType = $"json_type({Resource}.document, {path})",
                Type = type,
                CaseExact = caseExact,
            };
        }

        var elements = sql.Alias("e");
        var from = ElementsOf(resolved, elements);
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

        var values = SubAttributeOf(elements, sql.Parameter(JsonPathText.Of(subName)), sub, name);
        return values with
        {
            From = values.From is null ? from : $"{from}, {values.From}",

            // RFC 7644 §3.4.2.3: a multi-valued attribute sorts by its primary value, else its first.
            Order = $"CASE WHEN {elements}.type = 'object' THEN CASE WHEN ({elements}.value ->> '$.primary') = 1 THEN 0 ELSE 1 END ELSE 1 END, {elements}.key",
        };
    }

    // The attribute's values as rows of json_each. A declared multi-valued attribute is an array; anything
    // else (a single complex value under a value filter, an undeclared attribute) may be an array or one value.
    private string ElementsOf(ResolvedAttribute resolved, string alias)
    {
        var path = sql.Parameter(JsonPathText.Of(resolved.ExtensionUrn, resolved.Name));
        var document = $"{Resource}.document";
        if (resolved.Definition is { MultiValued: true })
        {
            return $"json_each({document}, {path}) AS {alias}";
        }

        return $"json_each(CASE json_type({document}, {path}) WHEN 'array' THEN {document} -> {path} "
            + $"ELSE '[' || ({document} -> {path}) || ']' END) AS {alias}";
    }

    // A sub-attribute of the elements that are objects. A declared one holds a single value (RFC 7643 §2.4:
    // sub-attributes are not multi-valued); an undeclared one may be an array, whose elements all count.
    private ValueSet SubAttributeOf(string elements, string subPath, AttributeDefinition? definition, string name)
    {
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

    private ScimException Unknown(AttributePath path) => error($"'{path}' is not an attribute of {type.Name}.");

    internal static string TypeName(AttributeType attributeType) => attributeType switch
    {
        AttributeType.DateTime => "dateTime",
        _ => attributeType.ToString().ToLowerInvariant(),
    };
}
