using System.Text.Json.Nodes;
using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Filters;

/// <summary>
/// Evaluates filters in memory against SCIM resource documents (RFC 7644 §3.4.2.2): comparisons follow the
/// attribute's type and caseExact characteristic; multi-valued attributes match when any value matches;
/// a complex attribute compared without a sub-attribute means its <c>value</c>; <c>pr</c> treats null, "", [] and {}
/// as absent; <c>ne</c> is the negation of <c>eq</c>, so it matches an absent attribute; values of the wrong type
/// never match. Document keys are matched exactly first and then ignoring case.
/// </summary>
public static class FilterEvaluator
{
    /// <summary>Resolves the filter for the type (<see cref="FilterResolver.Resolve"/>) and evaluates it.</summary>
    public static bool Matches(Filter filter, JsonObject resource, ResourceTypeDefinition type) =>
        Matches(filter, resource, type, filterIsResolved: false);

    /// <summary>Evaluates the filter; pass <paramref name="filterIsResolved"/> when it came from <see cref="FilterResolver.Resolve"/>.</summary>
    public static bool Matches(Filter filter, JsonObject resource, ResourceTypeDefinition type, bool filterIsResolved)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(type);
        var resolved = filterIsResolved ? filter : FilterResolver.Resolve(filter, type);
        return resolved.Accept(EvaluatingVisitor.ForResource(resource, type));
    }

    /// <summary>
    /// Evaluates the inner filter of a value path (<c>emails[type eq "work"]</c>) against one value of the
    /// multi-valued complex <paramref name="attribute"/>; its paths name sub-attributes of that attribute.
    /// The attribute may be resolved with or without a sub-attribute (<c>emails</c> or <c>emails.value</c> of
    /// <c>emails[type eq "work"].value</c>): the element is a value of the attribute either way.
    /// </summary>
    public static bool MatchesElement(Filter filter, JsonNode? element, ResolvedAttribute attribute, ResourceTypeDefinition type)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(attribute);
        ArgumentNullException.ThrowIfNull(type);
        var text = attribute.ExtensionUrn is null ? attribute.Name ?? "" : $"{attribute.ExtensionUrn}:{attribute.Name}";
        var resolved = FilterResolver.ResolveElementFilter(filter, type, attribute.Definition, text);
        return resolved.Accept(EvaluatingVisitor.ForElement(element, attribute.Definition, type));
    }
}
