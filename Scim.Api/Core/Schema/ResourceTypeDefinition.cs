using Scim.Api.Core.Paths;

namespace Scim.Api.Core.Schema;

/// <summary>A resource type (RFC 7643 §6): its endpoint, core schema and extensions, and attribute resolution.</summary>
public sealed record ResourceTypeDefinition(
    string Name,
    string Endpoint,
    string Description,
    SchemaDefinition Schema,
    IReadOnlyList<SchemaExtension> Extensions)
{
    public const string Members = "members";
    public const string Groups = "groups";

    /// <summary>
    /// The core attribute whose values the stores keep apart from the document, one membership per member
    /// (RFC 7643 §4.2 Group.members): a multi-valued complex <c>members</c>; null when the type has none.
    /// </summary>
    public AttributeDefinition? MembersAttribute =>
        Schema.FindAttribute(Members) is { MultiValued: true, Type: AttributeType.Complex } members ? members : null;

    /// <summary>
    /// The core attribute computed from the memberships that name the resource as a member (RFC 7643 §4.1.2
    /// User.groups): a multi-valued, complex, read-only <c>groups</c>; null when the type has none.
    /// </summary>
    public AttributeDefinition? GroupsAttribute =>
        Schema.FindAttribute(Groups) is { MultiValued: true, Type: AttributeType.Complex, Mutability: Mutability.ReadOnly } groups ? groups : null;

    public bool HasMembers => MembersAttribute is not null;

    public bool HasGroups => GroupsAttribute is not null;

    /// <summary>The schema URNs of the core schema and every declared extension.</summary>
    public IEnumerable<string> SchemaIds => Extensions.Select(e => e.Schema.Id).Prepend(Schema.Id);

    /// <summary>The core schema or a declared extension with that URN (case-insensitive).</summary>
    public SchemaDefinition? FindSchema(string urn)
    {
        if (string.Equals(Schema.Id, urn, StringComparison.OrdinalIgnoreCase))
        {
            return Schema;
        }

        for (var i = 0; i < Extensions.Count; i++)
        {
            var extension = Extensions[i];
            if (string.Equals(extension.Schema.Id, urn, StringComparison.OrdinalIgnoreCase))
            {
                return extension.Schema;
            }
        }

        return null;
    }

    /// <summary>Whether the URN names an extension namespace (declared or not) rather than the core schema.</summary>
    public bool IsExtensionUrn(string urn) =>
        !string.Equals(Schema.Id, urn, StringComparison.OrdinalIgnoreCase)
        && urn.StartsWith("urn:", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Maps a client's attribute reference to its canonical location and definition, ignoring case
    /// (RFC 7643 §2.1). Returns null for an attribute of the core schema that does not exist.
    /// </summary>
    public ResolvedAttribute? Resolve(AttributePath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.SchemaUrn is { } urn)
        {
            // Entra writes "…:enterprise:2.0:User.manager": the parser then sees the URN "…:2.0" and the
            // attribute "User" with the sub-attribute "manager". Rejoin them when that names a schema.
            var joined = FindSchema($"{urn}:{path.Name}");
            if (joined is not null)
            {
                if (path.SubAttribute is null)
                {
                    // The core schema URN alone names the whole resource, not an attribute.
                    return ReferenceEquals(joined, Schema) ? null : ExtensionRoot(joined, joined.Id);
                }

                return ResolveQualified(joined, path.SubAttribute, null);
            }

            var schema = FindSchema(urn);
            if (schema is not null)
            {
                return ResolveQualified(schema, path.Name, path.SubAttribute);
            }

            var whole = $"{urn}:{path.Name}";
            if (IsExtensionUrn(whole) && LooksLikeSchemaName(path.Name))
            {
                // "urn:…:acme:2.0:User" is the whole undeclared extension; "urn:…:acme:2.0:User.costCenter" one of its attributes.
                return path.SubAttribute is null
                    ? new ResolvedAttribute { ExtensionUrn = whole }
                    : new ResolvedAttribute { ExtensionUrn = whole, Name = path.SubAttribute };
            }

            return IsExtensionUrn(urn)
                ? new ResolvedAttribute { ExtensionUrn = urn, Name = path.Name, SubAttributeName = path.SubAttribute }
                : null;
        }

        var core = ResolveIn(Schema, null, path.Name, path.SubAttribute)
            ?? ResolveIn(CommonAttributes.Schema, null, path.Name, path.SubAttribute);
        if (core is not null)
        {
            return core;
        }

        // Unqualified names of extension attributes (e.g. "employeeNumber") are accepted when unambiguous.
        ResolvedAttribute? found = null;
        foreach (var extension in Extensions)
        {
            var candidate = ResolveIn(extension.Schema, extension.Schema.Id, path.Name, path.SubAttribute);
            if (candidate is not null)
            {
                if (found is not null)
                {
                    return null;
                }

                found = candidate;
            }
        }

        return found;
    }

    private string? ExtensionKeyOf(SchemaDefinition schema) => ReferenceEquals(schema, Schema) ? null : schema.Id;

    // Common attributes (id, externalId, meta) may be qualified with the core schema URN too.
    private ResolvedAttribute? ResolveQualified(SchemaDefinition schema, string name, string? subAttribute) =>
        ResolveIn(schema, ExtensionKeyOf(schema), name, subAttribute)
        ?? (ReferenceEquals(schema, Schema) ? ResolveIn(CommonAttributes.Schema, null, name, subAttribute) : null);

    private static ResolvedAttribute ExtensionRoot(SchemaDefinition schema, string urn) => new() { Schema = schema, ExtensionUrn = urn };

    // A whole-extension path ends in a schema name such as "User"; attribute names start in lower case.
    private static bool LooksLikeSchemaName(string name) => name.Length > 0 && char.IsUpper(name[0]);

    private static ResolvedAttribute? ResolveIn(SchemaDefinition schema, string? extensionKey, string name, string? subAttribute)
    {
        var definition = schema.FindAttribute(name);
        if (definition is null)
        {
            return null;
        }

        AttributeDefinition? sub = null;
        if (subAttribute is not null)
        {
            sub = definition.FindSubAttribute(subAttribute);
            if (sub is null)
            {
                return null;
            }
        }

        return new ResolvedAttribute
        {
            Schema = schema,
            ExtensionUrn = extensionKey,
            Name = definition.Name,
            Definition = definition,
            SubAttributeName = sub?.Name,
            SubDefinition = sub,
        };
    }
}
