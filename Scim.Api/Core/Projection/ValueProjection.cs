using System.Text.Json.Nodes;
using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Projection;

/// <summary>
/// Projects the value of one selected attribute: which of its values (value filters) and which of their
/// sub-attributes (sub-attribute paths and the sub-attributes' own "returned") are kept.
/// </summary>
internal static class ValueProjection
{
    public static JsonNode? Project(JsonNode value, AttributeScope scope, IReadOnlyList<SelectedPath> paths, SelectionMode mode)
    {
        if (value is not JsonArray array)
        {
            return ProjectElement(value, scope, paths, mode);
        }

        var result = new JsonArray();
        foreach (var element in array)
        {
            if (element is not null && ProjectElement(element, scope, paths, mode) is { } projected)
            {
                result.Add(projected);
            }
        }

        // An empty list is shown as one (a group's "members": []); a list emptied by the projection is not.
        return result.Count == 0 && array.Count > 0 ? null : result;
    }

    private static JsonNode? ProjectElement(JsonNode element, AttributeScope scope, IReadOnlyList<SelectedPath> paths, SelectionMode mode)
    {
        List<SelectedPath> applicable = paths.Count == 0 ? [] : [.. paths.Where(p => ValueFilterMatch.Matches(p, element, scope))];
        if (mode == SelectionMode.Include && applicable.Count == 0)
        {
            return null;
        }

        if (mode == SelectionMode.Exclude && applicable.Any(p => p.Attribute.SubAttributeName is null))
        {
            return null;
        }

        if (element is not JsonObject obj)
        {
            return element.DeepClone();
        }

        var allDefaultSubs = mode != SelectionMode.Include || applicable.Any(p => p.Attribute.SubAttributeName is null);
        if (!allDefaultSubs && applicable.All(p => p.Attribute.SubDefinition?.Returned == Returned.Never))
        {
            // Naming only never-returned sub-attributes (owner.pin) selects nothing; "always" ones alone don't make a value.
            return null;
        }

        var result = new JsonObject();
        foreach (var (key, subValue) in obj)
        {
            if (subValue is null)
            {
                continue;
            }

            var sub = scope.Definition?.FindSubAttribute(key);
            var named = NamesSubAttribute(applicable, key);
            var keep = (sub?.Returned ?? Returned.Default) switch
            {
                Returned.Never => false,
                Returned.Always => true,
                Returned.Request => mode == SelectionMode.Include && named,
                _ => mode == SelectionMode.Exclude ? !named : allDefaultSubs || named,
            };
            if (keep)
            {
                result[sub?.Name ?? key] = subValue.DeepClone();
            }
        }

        return result.Count == 0 ? null : result;
    }

    // A loop rather than a lambda: this runs for every sub-attribute of every value of every resource returned.
    private static bool NamesSubAttribute(List<SelectedPath> applicable, string key)
    {
        foreach (var path in applicable)
        {
            if (string.Equals(path.Attribute.SubAttributeName, key, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
