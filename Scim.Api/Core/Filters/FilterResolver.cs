using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Filters;

/// <summary>
/// Maps the attribute paths of a parsed filter to their canonical form for a resource type and checks that every
/// comparison can be evaluated. In the result: names have their schema's letter case; extension attributes carry
/// their full schema URN in <see cref="Paths.AttributePath.SchemaUrn"/> and core and common attributes (id,
/// externalId, meta.*) have none; a comparison on a complex attribute without a sub-attribute is rewritten to its
/// <c>value</c> sub-attribute (<c>emails co "x"</c> becomes <c>emails.value co "x"</c>); inner paths of a value
/// filter name sub-attributes of the outer attribute; values have the kind of the attribute they compare (see
/// <see cref="FilterValueRules"/>). Attributes under an extension URN the type does not declare are kept as written
/// and compared as case-insensitive strings. Resolving a resolved filter returns an equal filter.
/// Errors are <see cref="Errors.ScimException"/>s with status 400 and scimType <c>invalidFilter</c>.
/// </summary>
public static class FilterResolver
{
    public static Filter Resolve(Filter filter, ResourceTypeDefinition type)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(type);
        return filter.Accept(new ResolvingVisitor(type, element: null));
    }

    /// <summary>Resolves the inner filter of a value path, whose paths are relative to <paramref name="attribute"/>.</summary>
    internal static Filter ResolveElementFilter(Filter filter, ResourceTypeDefinition type, AttributeDefinition? attribute, string attributeText)
    {
        // Which values of a never-returned attribute a filter selects would tell what they hold.
        if (attribute?.IsNeverReturned == true)
        {
            throw Errors.ScimException.InvalidFilter($"'{attributeText}[…]' cannot be used: the values of '{attributeText}' are never returned.");
        }

        return filter.Accept(new ResolvingVisitor(type, new ElementScope(attribute, attributeText)));
    }

    internal sealed record ElementScope(AttributeDefinition? Attribute, string Text);
}
