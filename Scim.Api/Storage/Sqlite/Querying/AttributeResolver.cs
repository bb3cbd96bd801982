using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Paths;
using Scim.Api.Core.Schema;
using Scim.Api.Storage.Sqlite.Schema;

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

    internal const string ValueSubAttribute = "value";

    private readonly ResourceTypeLayout _layout = ResourceTypeLayout.Of(type);
    private readonly DocumentValues _documents = new(sql, error);

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
            return new ElementScope(name, $"memberships AS {alias}", MembershipValues.Correlation(side, alias), alias, resolved.Definition, side);
        }

        if (resolved.Definition is { Type: not AttributeType.Complex })
        {
            throw error($"A value filter applies to a complex attribute; '{name}' is a {TypeName(resolved.Definition.Type)}.");
        }

        var elements = sql.Alias("e");
        return new ElementScope(name, _documents.Elements(resolved, elements), null, elements, resolved.Definition, null);
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
            return MembershipValues.Value(side, scope.Alias, definition?.Name ?? path.Name, definition, name);
        }

        return _documents.SubAttribute(scope.Alias, definition?.Name ?? path.Name, definition, name);
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
            var sub = resolved.SubDefinition ?? (presence ? null : resolved.Definition!.FindSubAttribute(ValueSubAttribute));
            return MembershipValues.Rows(side, sql.Alias("m"), sub, sub is null ? resolved.CanonicalText : $"{resolved.Name}.{sub.Name}");
        }

        return _documents.Values(resolved, presence);
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

    private ScimException Unknown(AttributePath path) => error($"'{path}' is not an attribute of {type.Name}.");

    internal static string TypeName(AttributeType attributeType) => attributeType switch
    {
        AttributeType.DateTime => "dateTime",
        _ => attributeType.ToString().ToLowerInvariant(),
    };
}
