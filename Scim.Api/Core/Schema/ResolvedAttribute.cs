namespace Scim.Api.Core.Schema;

/// <summary>
/// A client's attribute reference mapped to where the attribute lives in a resource document:
/// under the top level (core schema and common attributes) or under an extension URN key.
/// <see cref="Definition"/> is null for attributes of an extension the registry does not declare,
/// which are kept verbatim (Entra sends custom extension attributes without declaring them).
/// </summary>
public sealed record ResolvedAttribute
{
    /// <summary>The schema that declares the attribute, or null for an undeclared extension.</summary>
    public SchemaDefinition? Schema { get; init; }

    /// <summary>The URN key the attribute lives under in the document, or null for top-level attributes.</summary>
    public string? ExtensionUrn { get; init; }

    /// <summary>Canonical top-level attribute name; null when the path designates a whole extension object.</summary>
    public string? Name { get; init; }

    public AttributeDefinition? Definition { get; init; }

    /// <summary>Canonical sub-attribute name, when the path has one.</summary>
    public string? SubAttributeName { get; init; }

    public AttributeDefinition? SubDefinition { get; init; }

    public bool IsExtensionRoot => Name is null;

    /// <summary>The definition of what the path designates: the sub-attribute when present, else the attribute.</summary>
    public AttributeDefinition? Target => SubAttributeName is null ? Definition : SubDefinition;

    /// <summary>The type of what the path designates; undeclared attributes are treated as strings.</summary>
    public AttributeType TargetType => Target?.Type ?? AttributeType.String;

    /// <summary>Whether comparisons on the target are case-sensitive; undeclared attributes are not.</summary>
    public bool CaseExact => Target?.CaseExact ?? false;

    /// <summary>The canonical text of the path: <c>name.sub</c> or <c>urn:name.sub</c>.</summary>
    public string CanonicalText
    {
        get
        {
            var text = Name is null ? "" : SubAttributeName is null ? Name : $"{Name}.{SubAttributeName}";
            return ExtensionUrn is null ? text : Name is null ? ExtensionUrn : $"{ExtensionUrn}:{text}";
        }
    }
}
