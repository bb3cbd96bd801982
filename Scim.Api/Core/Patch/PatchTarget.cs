using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Paths;
using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Patch;

internal enum TargetShape
{
    ExtensionRoot,
    MultiValued,
    Complex,
    Simple,
}

/// <summary>
/// What a PATCH path designates once resolved against the resource type: the attribute (canonical name and
/// location), an optional value filter and an optional sub-attribute.
/// </summary>
internal sealed record PatchTarget(ResolvedAttribute Attribute, Filter? Filter, ResolvedAttribute Resolved, string Text)
{
    public string? SubAttribute => Resolved.SubAttributeName;

    public AttributeDefinition? Definition => Attribute.Definition;

    public TargetShape Shape => Attribute switch
    {
        { IsExtensionRoot: true } => TargetShape.ExtensionRoot,
        { Definition.MultiValued: true } => TargetShape.MultiValued,
        { Definition.Type: AttributeType.Complex } => TargetShape.Complex,
        { Definition: null } when SubAttribute is not null => TargetShape.Complex,
        _ => TargetShape.Simple,
    };

    public static PatchTarget From(ScimPath path, ResourceTypeDefinition type)
    {
        var text = PathText.Of(path);
        var resolved = type.Resolve(path.Attribute)
            ?? throw ScimException.InvalidPath(
                $"'{text}' does not name an attribute of the {type.Name} resource type (or of its extensions).");
        var target = new PatchTarget(resolved with { SubAttributeName = null, SubDefinition = null }, path.ValueFilter, resolved, text);
        if (path.ValueFilter is not null)
        {
            if (target.Shape is not (TargetShape.MultiValued or TargetShape.Complex) || target.Definition is null)
            {
                throw ScimException.InvalidPath(
                    $"'{text}' applies a value filter to '{resolved.CanonicalText}', which is not a declared multi-valued or complex attribute.");
            }

            // Checked before any value is matched: an attribute without values must refuse the same filters.
            FilterResolver.ResolveElementFilter(path.ValueFilter, type, target.Definition, target.Attribute.CanonicalText);
        }

        return target;
    }

    /// <summary>The root of a whole extension, named by its URN (a path-less value key or a path).</summary>
    public static PatchTarget ForExtension(SchemaDefinition schema)
    {
        var root = new ResolvedAttribute { Schema = schema, ExtensionUrn = schema.Id };
        return new PatchTarget(root, null, root, schema.Id);
    }

    /// <summary>An attribute of an extension the schema registry does not declare, kept verbatim.</summary>
    public static PatchTarget ForUndeclaredAttribute(string extensionUrn, string name)
    {
        var attribute = new ResolvedAttribute { ExtensionUrn = extensionUrn, Name = name };
        return new PatchTarget(attribute, null, attribute, $"{extensionUrn}:{name}");
    }

    /// <summary>RFC 7644 §3.5.2: a client must not modify a readOnly attribute or sub-attribute.</summary>
    public void EnsureWritable()
    {
        if (Definition?.Mutability == Mutability.ReadOnly || Resolved.SubDefinition?.Mutability == Mutability.ReadOnly)
        {
            throw ScimException.Mutability($"'{Resolved.CanonicalText}' is read-only and cannot be modified.");
        }
    }
}
