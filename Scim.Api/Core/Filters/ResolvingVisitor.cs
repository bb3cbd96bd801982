using Scim.Api.Core.Errors;
using Scim.Api.Core.Paths;
using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Filters;

internal sealed class ResolvingVisitor(ResourceTypeDefinition type, FilterResolver.ElementScope? element) : IFilterVisitor<Filter>
{
    public Filter VisitAnd(AndFilter filter) => new AndFilter(filter.Left.Accept(this), filter.Right.Accept(this));

    public Filter VisitOr(OrFilter filter) => new OrFilter(filter.Left.Accept(this), filter.Right.Accept(this));

    public Filter VisitNot(NotFilter filter) => new NotFilter(filter.Inner.Accept(this));

    public Filter VisitPresent(PresentFilter filter) => new PresentFilter(ResolvePath(filter.Path).Path);

    public Filter VisitComparison(ComparisonFilter filter)
    {
        var (path, target) = ResolvePath(filter.Path);
        var compared = target;

        // "emails eq null" asks whether emails is absent, which is not the same as emails.value being absent.
        if (target is { Type: AttributeType.Complex } && path.SubAttribute is null && filter.Value is not NullValue)
        {
            compared = FilterTargets.Compared(target) ?? throw ScimException.InvalidFilter(
                $"'{path}' is a complex attribute without a 'value' sub-attribute; compare one of its sub-attributes instead, such as '{path}.{target.SubAttributes.FirstOrDefault()?.Name ?? "name"}'.");
            path = path with { SubAttribute = compared.Name };
        }

        var value = FilterValueRules.Check(path.ToString(), compared, filter.Operator, filter.Value);
        return new ComparisonFilter(path, filter.Operator, value);
    }

    public Filter VisitValuePath(ValuePathFilter filter)
    {
        if (element is not null)
        {
            throw ScimException.InvalidFilter($"Value filters cannot be nested: '{filter.Path}[…]' is inside '{element.Text}[…]'.");
        }

        var (path, target) = ResolvePath(filter.Path);
        if (target is not null && target.Type != AttributeType.Complex)
        {
            throw ScimException.InvalidFilter(
                $"'{path}' is not a complex attribute; a value filter '[…]' applies to complex attributes such as emails or members.");
        }

        var inner = FilterResolver.ResolveElementFilter(filter.Inner, type, target, path.ToString());
        return new ValuePathFilter(path, inner);
    }

    private (AttributePath Path, AttributeDefinition? Target) ResolvePath(AttributePath path) =>
        element is null ? ResolveTopPath(path) : ResolveElementPath(path, element);

    private (AttributePath Path, AttributeDefinition? Target) ResolveTopPath(AttributePath path)
    {
        var resolved = FilterTargets.ResolveTop(type, path)
            ?? throw ScimException.InvalidFilter($"Unknown attribute '{path}' in the filter; the resource type '{type.Name}' has no such attribute.");
        if (resolved.IsExtensionRoot)
        {
            throw ScimException.InvalidFilter(
                $"'{path}' names the whole extension '{resolved.ExtensionUrn}'; a filter compares one of its attributes, such as '{resolved.ExtensionUrn}:{resolved.Schema?.Attributes.FirstOrDefault()?.Name ?? "name"}'.");
        }

        var canonical = new AttributePath(resolved.ExtensionUrn, resolved.Name!, resolved.SubAttributeName);
        RejectNeverReturned(canonical, resolved.Definition);
        RejectNeverReturned(canonical, resolved.SubDefinition);
        RejectComputedReference(canonical, resolved.Definition, resolved.SubDefinition);
        return (canonical, resolved.Target);
    }

    // A computed $ref exists only in responses (it is made from the request's base URL), so no store can test it;
    // its value is the id, which can be filtered.
    private void RejectComputedReference(AttributePath path, AttributeDefinition? attribute, AttributeDefinition? sub)
    {
        if (attribute is not null && sub is { Name: ComputedReferences.Ref } && ComputedReferences.IsComputed(type, attribute))
        {
            var value = path with { SubAttribute = "value" };
            throw ScimException.InvalidFilter(
                $"'{path}' cannot be used in a filter: the service makes it from the resource's id when it returns it. Filter on '{value}' instead.");
        }
    }

    // A value that is never returned must not be probed through filters either: password sw "a" would reveal a
    // password one character at a time (RFC 7643 §4.1.1: a password SHALL NOT be returnable).
    private static void RejectNeverReturned(AttributePath path, AttributeDefinition? definition)
    {
        if (definition?.IsNeverReturned == true)
        {
            throw ScimException.InvalidFilter($"'{path}' cannot be used in a filter: its value is never returned.");
        }
    }

    private (AttributePath Path, AttributeDefinition? Target) ResolveElementPath(AttributePath path, FilterResolver.ElementScope scope)
    {
        if (path.SchemaUrn is not null || path.SubAttribute is not null)
        {
            throw ScimException.InvalidFilter(
                $"Inside '{scope.Text}[…]' a path names one sub-attribute of '{scope.Text}' (such as 'value' or 'type'); '{path}' is not one.");
        }

        if (scope.Attribute is null)
        {
            return (path, null);
        }

        var sub = scope.Attribute.FindSubAttribute(path.Name)
            ?? throw ScimException.InvalidFilter(
                scope.Attribute.SubAttributes.Count == 0
                    ? $"'{scope.Text}' has no sub-attributes, so '{path.Name}' cannot be used inside '{scope.Text}[…]'."
                    : $"Unknown attribute '{path.Name}' inside '{scope.Text}[…]'; its sub-attributes are {string.Join(", ", scope.Attribute.SubAttributes.Select(s => s.Name))}.");
        var canonical = AttributePath.Of(sub.Name);
        RejectNeverReturned(canonical, sub);
        RejectComputedReference(new AttributePath(null, scope.Text, sub.Name), scope.Attribute, sub);
        return (canonical, sub);
    }
}
