using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Paths;
using Scim.Api.Core.Schema;

namespace Scim.Api.Storage.Mongo;

/// <summary>Where a resolved attribute path is stored, which decides how a filter or a sort reads it.</summary>
internal enum MongoAttributeKind
{
    /// <summary>Inside the folded copy <c>fold</c>, at <see cref="MongoAttributeLocation.Field"/>.</summary>
    Document,

    /// <summary>A string shadow field (id, externalId, meta.resourceType); always caseExact.</summary>
    Shadow,

    /// <summary>An instant in 100 ns ticks (meta.created, meta.lastModified).</summary>
    Date,

    /// <summary>meta.version, the <c>v</c> counter.</summary>
    Version,

    /// <summary>Rows of the membership collection: Group.members or User.groups.</summary>
    Membership,

    /// <summary>Never stored (meta.location, computed from the base URL): never present, equal to nothing.</summary>
    Absent,
}

/// <summary>
/// A filter or sort path mapped to the stored layout. Field names come only from schema resolution and
/// <see cref="MongoFieldNames"/>, never from client text used raw.
/// </summary>
internal sealed record MongoAttributeLocation
{
    public required MongoAttributeKind Kind { get; init; }

    /// <summary>The full dotted field of the target (for documents: <c>fold.emails.value</c>).</summary>
    public required string Field { get; init; }

    /// <summary>The field of the top-level attribute (for documents: <c>fold.emails</c>).</summary>
    public required string AttributeField { get; init; }

    /// <summary>The field name of the sub-attribute inside one value of the attribute (<c>value</c>), when there is one.</summary>
    public string? SubField { get; init; }

    /// <summary>Whether the field holds folded text (a caseExact=false string): compare it with folded operands.</summary>
    public bool Folded { get; init; }

    public required ResolvedAttribute Resolved { get; init; }

    /// <summary>
    /// The indexed shadow of a unique attribute (userName, Group displayName …), for comparisons and sorting; it holds
    /// the folded value when <see cref="UniqueFolded"/>, else the value itself.
    /// </summary>
    public string? UniqueField { get; init; }

    public bool UniqueFolded { get; init; }

    public AttributeType Type => Resolved.TargetType;

    public bool CaseExact => Resolved.CaseExact;

    /// <summary>Whether the top-level attribute holds several values, or may (undeclared attributes).</summary>
    public bool MultiValued => Resolved.Definition?.MultiValued ?? true;

    public bool HasSubAttribute => Resolved.SubAttributeName is not null;

    /// <summary>For memberships: whether the resource is the group (Group.members) rather than the member (User.groups).</summary>
    public bool IsGroupSide { get; init; }

    public static MongoAttributeLocation Resolve(ResourceTypeDefinition type, AttributePath path)
    {
        var resolved = ResolveTop(type, path)
            ?? throw ScimException.InvalidFilter($"Unknown attribute '{path}'; the resource type '{type.Name}' has no such attribute.");
        if (resolved.IsExtensionRoot)
        {
            throw ScimException.InvalidFilter($"'{path}' names the whole extension '{resolved.ExtensionUrn}'; name one of its attributes.");
        }

        return resolved.ExtensionUrn is null && resolved.Schema is { } schema && ReferenceEquals(schema, CommonAttributes.Schema)
            && resolved.Name is CommonAttributes.Id or CommonAttributes.ExternalId or CommonAttributes.Meta
            ? Common(resolved, path)
            : Declared(type, resolved);
    }

    // Core's resolution for filters: undeclared extension attributes, and "schemas" (RFC 7644 §3.4.2.2 filters on it).
    private static ResolvedAttribute? ResolveTop(ResourceTypeDefinition type, AttributePath path) => FilterTargets.ResolveTop(type, path);

    private static MongoAttributeLocation Common(ResolvedAttribute resolved, AttributePath path)
    {
        var name = resolved.Name!;
        if (name == CommonAttributes.Id)
        {
            return Of(MongoAttributeKind.Shadow, MongoFields.ResourceId, resolved);
        }

        if (name == CommonAttributes.ExternalId)
        {
            return Of(MongoAttributeKind.Shadow, MongoFields.ExternalId, resolved);
        }

        return resolved.SubAttributeName switch
        {
            "created" => Of(MongoAttributeKind.Date, MongoFields.CreatedTicks, resolved),
            "lastModified" => Of(MongoAttributeKind.Date, MongoFields.LastModifiedTicks, resolved),
            "resourceType" => Of(MongoAttributeKind.Shadow, MongoFields.ResourceType, resolved),
            "version" => Of(MongoAttributeKind.Version, MongoFields.Version, resolved),
            "location" => Of(MongoAttributeKind.Absent, MongoFields.Id, resolved),

            // "meta" alone: always present, and compared only through a sub-attribute.
            _ => Of(MongoAttributeKind.Date, MongoFields.CreatedTicks, resolved),
        };
    }

    private static MongoAttributeLocation Declared(ResourceTypeDefinition type, ResolvedAttribute resolved)
    {
        var name = resolved.Name!;
        if (resolved.ExtensionUrn is null && resolved.Definition is { } definition)
        {
            if (IsMembersAttribute(type, definition))
            {
                return Of(MongoAttributeKind.Membership, MembershipField(resolved), resolved) with { IsGroupSide = true };
            }

            if (IsGroupsAttribute(type, definition))
            {
                return Of(MongoAttributeKind.Membership, MembershipField(resolved), resolved) with { IsGroupSide = false };
            }
        }

        // Declared names are stored in their canonical case; undeclared ones upper-cased (MongoFoldedDocument).
        var declaredExtension = resolved.ExtensionUrn is not null && resolved.Schema is not null;
        var attributeName = MongoFoldedDocument.FieldName(name, resolved.Definition is not null);
        var attributeField = resolved.ExtensionUrn is null
            ? $"{MongoFields.Folded}.{attributeName}"
            : $"{MongoFields.Folded}.{MongoFoldedDocument.FieldName(resolved.ExtensionUrn, declaredExtension)}.{attributeName}";
        var subField = resolved.SubAttributeName is null ? null : MongoFoldedDocument.FieldName(resolved.SubAttributeName, resolved.SubDefinition is not null);
        var field = subField is null ? attributeField : $"{attributeField}.{subField}";
        var unique = resolved.SubAttributeName is null && resolved.Definition is not null
            ? MongoUniqueAttribute.Of(type).FirstOrDefault(u =>
                ReferenceEquals(u.Definition, resolved.Definition) && string.Equals(u.ExtensionUrn, resolved.ExtensionUrn, StringComparison.Ordinal))
            : null;

        return new MongoAttributeLocation
        {
            Kind = MongoAttributeKind.Document,
            Field = field,
            AttributeField = attributeField,
            SubField = subField,
            Resolved = resolved,
            UniqueField = unique?.Field,
            UniqueFolded = unique?.IsFolded ?? false,
            Folded = MongoFoldedDocument.IsFolded(resolved.Target),
        };
    }

    /// <summary>Group.members: the type's members attribute (<see cref="ResourceTypeDefinition.MembersAttribute"/>), whose rows are in the membership collection.</summary>
    public static bool IsMembersAttribute(ResourceTypeDefinition type, AttributeDefinition definition) =>
        ReferenceEquals(type.MembersAttribute, definition);

    /// <summary>User.groups: the type's groups attribute (<see cref="ResourceTypeDefinition.GroupsAttribute"/>), derived from the membership collection.</summary>
    public static bool IsGroupsAttribute(ResourceTypeDefinition type, AttributeDefinition definition) =>
        ReferenceEquals(type.GroupsAttribute, definition);

    private static string MembershipField(ResolvedAttribute resolved) => resolved.SubAttributeName ?? "value";

    private static MongoAttributeLocation Of(MongoAttributeKind kind, string field, ResolvedAttribute resolved) => new()
    {
        Kind = kind,
        Field = field,
        AttributeField = field,
        Resolved = resolved,
    };
}
