using System.Text.Json.Nodes;
using Scim.Api.Core.Filters;

namespace Scim.Api.Core.Projection;

/// <summary>Whether a selected path applies to one value of an attribute: it has no value filter, or the value matches it.</summary>
internal static class ValueFilterMatch
{
    public static bool Matches(SelectedPath path, JsonNode element, AttributeScope scope) =>
        path.ValueFilter is null || FilterEvaluator.MatchesElement(path.ValueFilter, element, path.FilteredAttribute, scope.Type);
}
