using System.Text.Json.Nodes;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Json;
using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Patch;

/// <summary>The values of a multi-valued attribute: identity, appending without duplicates, selection by filter.</summary>
internal static class MultiValues
{
    public static JsonArray? Of(ResourceDocument document, ResolvedAttribute attribute) =>
        document.Get(attribute) as JsonArray;

    /// <summary>
    /// Whether two values are the same value. Values of a reference list (an attribute with a <c>$ref</c>
    /// sub-attribute, such as <c>members</c>) are the same when they point at the same id; any other values
    /// when they are equal as JSON.
    /// </summary>
    public static bool AreSame(AttributeDefinition? definition, JsonNode? left, JsonNode? right)
    {
        if (IsReferenceList(definition)
            && left is JsonObject leftObject && JsonNodes.Find(leftObject, "value") is { } leftId
            && right is JsonObject rightObject && JsonNodes.Find(rightObject, "value") is { } rightId)
        {
            return JsonNode.DeepEquals(leftId, rightId);
        }

        return JsonNode.DeepEquals(left, right);
    }

    public static bool IsReferenceList(AttributeDefinition? definition) =>
        definition is { MultiValued: true } && definition.FindSubAttribute("$ref") is not null;

    /// <summary>
    /// RFC 7644 §3.5.2.1: adds each new value to the attribute, skipping values it already has. Returns the
    /// values actually appended.
    /// </summary>
    public static List<JsonNode> Append(ResourceDocument document, ResolvedAttribute attribute, JsonArray additions)
    {
        var array = Of(document, attribute);
        if (array is null)
        {
            array = [];
            document.Set(attribute, array);
        }

        // Group member lists can be long: their ids are indexed rather than compared one by one.
        var ids = IsReferenceList(attribute.Definition) ? new HashSet<string>(array.Select(IdOf).OfType<string>(), StringComparer.Ordinal) : null;
        var appended = new List<JsonNode>();
        foreach (var addition in additions)
        {
            var present = addition is null
                || (ids is not null && IdOf(addition) is { } id ? !ids.Add(id) : array.Any(existing => AreSame(attribute.Definition, existing, addition)));
            if (present)
            {
                continue;
            }

            var copy = addition!.DeepClone();
            array.Add(copy);
            appended.Add(copy);
        }

        RemoveIfEmpty(document, attribute, array);
        return appended;
    }

    /// <summary>The id of a value of a reference list: its <c>value</c> sub-attribute, when it is a string.</summary>
    public static string? IdOf(JsonNode? element) =>
        element is JsonObject obj ? JsonNodes.TextOf(JsonNodes.Find(obj, "value")) : null;

    public static List<JsonNode> Matching(JsonArray elements, Filter filter, ResolvedAttribute attribute, ResourceTypeDefinition type) =>
        [.. elements.OfType<JsonNode>().Where(element => FilterEvaluator.MatchesElement(filter, element, attribute, type))];

    /// <summary>RFC 7644 §3.5.2.2: a multi-valued attribute left without values is unassigned.</summary>
    public static void RemoveIfEmpty(ResourceDocument document, ResolvedAttribute attribute, JsonArray array)
    {
        if (array.Count == 0)
        {
            document.Remove(attribute);
        }
    }
}
