using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Paths;
using Scim.Api.Core.Schema;

namespace Scim.Api.Storage.Mongo;

/// <summary>Where a resolved attribute path is stored, which decides how a filter or a sort reads it.</summary>
internal enum MongoAttributeKind
{
    /// <summary>Inside <c>doc</c>, at <see cref="MongoAttributeLocation.Field"/>.</summary>
    Document,

    /// <summary>A string shadow field (id, externalId, meta.resourceType); always caseExact.</summary>
    Shadow,

    /// <summary>A BSON date shadow field (meta.created, meta.lastModified).</summary>
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

    /// <summary>The full dotted field of the target (for documents: <c>doc.emails.value</c>).</summary>
    public required string Field { get; init; }

    /// <summary>The field of the top-level attribute (for documents: <c>doc.emails</c>).</summary>
    public required string AttributeField { get; init; }

    public required ResolvedAttribute Resolved { get; init; }

    /// <summary>The folded shadow of a case-insensitive unique attribute, for comparisons and sorting.</summary>
    public string? FoldedField { get; init; }

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
            "created" => Of(MongoAttributeKind.Date, MongoFields.Created, resolved),
            "lastModified" => Of(MongoAttributeKind.Date, MongoFields.LastModified, resolved),
            "resourceType" => Of(MongoAttributeKind.Shadow, MongoFields.ResourceType, resolved),
            "version" => Of(MongoAttributeKind.Version, MongoFields.Version, resolved),
            "location" => Of(MongoAttributeKind.Absent, MongoFields.Id, resolved),

            // "meta" alone: always present, and compared only through a sub-attribute.
            _ => Of(MongoAttributeKind.Date, MongoFields.Created, resolved),
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

        var attributeField = resolved.ExtensionUrn is null
            ? MongoFieldNames.Path(MongoFields.Document, name)
            : MongoFieldNames.Path(MongoFields.Document, resolved.ExtensionUrn, name);
        var field = resolved.SubAttributeName is null ? attributeField : MongoFieldNames.Path(attributeField, resolved.SubAttributeName);
        string? folded = null;
        if (resolved.SubAttributeName is null && resolved.Definition is not null)
        {
            var unique = MongoUniqueAttribute.Of(type).FirstOrDefault(u =>
                ReferenceEquals(u.Definition, resolved.Definition) && string.Equals(u.ExtensionUrn, resolved.ExtensionUrn, StringComparison.Ordinal));
            folded = unique is { IsFolded: true } ? unique.Field : null;
        }

        return new MongoAttributeLocation
        {
            Kind = MongoAttributeKind.Document,
            Field = field,
            AttributeField = attributeField,
            Resolved = resolved,
            FoldedField = folded,
        };
    }

    /// <summary>Group.members: the type declares a multi-valued complex "members"; its rows are in the membership collection.</summary>
    public static bool IsMembersAttribute(ResourceTypeDefinition type, AttributeDefinition definition) =>
        definition.Name == "members" && definition.MultiValued && ReferenceEquals(type.Schema.FindAttribute("members"), definition);

    /// <summary>User.groups: the read-only, multi-valued "groups" derived from the membership collection (RFC 7643 §4.1.2).</summary>
    public static bool IsGroupsAttribute(ResourceTypeDefinition type, AttributeDefinition definition) =>
        definition.Name == "groups" && definition.MultiValued && definition.Mutability == Mutability.ReadOnly
        && ReferenceEquals(type.Schema.FindAttribute("groups"), definition);

    private static string MembershipField(ResolvedAttribute resolved) => resolved.SubAttributeName ?? "value";

    private static MongoAttributeLocation Of(MongoAttributeKind kind, string field, ResolvedAttribute resolved) => new()
    {
        Kind = kind,
        Field = field,
        AttributeField = field,
        Resolved = resolved,
    };
}
