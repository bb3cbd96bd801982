using Scim.Api.Core.Paths;
using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Filters;

internal static class FilterTargets
{
    public const string ValueSubAttribute = "value";

    /// <summary>
    /// Resolves a path at the top of a resource. A URN-qualified name the registry does not know, which
    /// <see cref="ResourceTypeDefinition.Resolve"/> may read as a whole undeclared extension, is one dynamic attribute
    /// in a filter: comparing a whole extension object means nothing.
    /// </summary>
    public static ResolvedAttribute? ResolveTop(ResourceTypeDefinition type, AttributePath path)
    {
        var resolved = type.Resolve(path) ?? ResolveSchemas(path);
        if (resolved is { IsExtensionRoot: true, Schema: null } && path.SchemaUrn is not null)
        {
            return new ResolvedAttribute { ExtensionUrn = path.SchemaUrn, Name = path.Name, SubAttributeName = path.SubAttribute };
        }

        return resolved;
    }

    // RFC 7644 §3.4.2.2 filters on "schemas" in its examples (schemas eq "urn:…:enterprise:2.0:User"), but
    // RFC 7643 §3 does not define it as a schema attribute: it is a multi-valued list of URIs.
    private static readonly AttributeDefinition SchemasDefinition = new()
    {
        Name = CommonAttributes.Schemas, Type = AttributeType.Reference, MultiValued = true, ReferenceTypes = ["uri"],
        Mutability = Mutability.ReadOnly, Returned = Returned.Always,
    };

    private static ResolvedAttribute? ResolveSchemas(AttributePath path) =>
        path is { SchemaUrn: null, SubAttribute: null } && string.Equals(path.Name, CommonAttributes.Schemas, StringComparison.OrdinalIgnoreCase)
            ? new ResolvedAttribute { Schema = CommonAttributes.Schema, Name = SchemasDefinition.Name, Definition = SchemasDefinition }
            : null;

    /// <summary>
    /// What a comparison on the target compares: a complex attribute named without a sub-attribute means its
    /// <c>value</c> sub-attribute (as in the RFC 7644 §3.4.2.2 example <c>emails co "example.com"</c>).
    /// </summary>
    public static AttributeDefinition? Compared(AttributeDefinition? target) =>
        target is { Type: AttributeType.Complex } ? target.FindSubAttribute(ValueSubAttribute) : target;
}
