using System.Text.Json.Nodes;
using Scim.Api.Core.Compatibility;

namespace Scim.Api.Core.Patch;

/// <summary>The "remove" operation (RFC 7644 §3.5.2.2); also what add and replace do with a clearing value.</summary>
internal static class RemoveOperation
{
    public static void Apply(ResourceDocument document, PatchTarget target, JsonNode? value)
    {
        if (target.Filter is not null)
        {
            FilteredValues.Remove(document, target);
            return;
        }

        if (target.SubAttribute is not null)
        {
            SubAttributeValues.Remove(document, target);
            return;
        }

        if (value is not null && target.Shape is TargetShape.MultiValued or TargetShape.Complex)
        {
            RemoveGivenValues(document, target, value);
            return;
        }

        document.Remove(target.Attribute);
    }

    // Entra removes group members with {"op":"Remove","path":"members","value":[{"value":"<id>"}]}: a remove that
    // names the values to drop removes exactly those (IdpCompatibility.MatchesRemovedValue) and keeps the rest.
    private static void RemoveGivenValues(ResourceDocument document, PatchTarget target, JsonNode value)
    {
        if (target.Shape == TargetShape.Complex)
        {
            var given = PatchValues.ForAttribute(value, target.Attribute, document.Type);
            if (document.Get(target.Attribute) is { } current && given is not null
                && IdpCompatibility.MatchesRemovedValue(current, given))
            {
                document.Remove(target.Attribute);
            }

            return;
        }

        if (MultiValues.Of(document, target.Attribute) is not { } array)
        {
            return;
        }

        var removed = PatchValues.ForElements(value, target.Attribute, document.Type).OfType<JsonNode>().ToList();

        // Values removed by id (members) are looked up in a set: Entra removes members in large batches.
        var ids = removed.All(r => MultiValues.IdOf(r) is not null)
            ? new HashSet<string>(removed.Select(r => MultiValues.IdOf(r)!), StringComparer.Ordinal)
            : null;
        array.RemoveAll(element => ids is not null
            ? MultiValues.IdOf(element) is { } id && ids.Contains(id)
            : removed.Exists(candidate => IdpCompatibility.MatchesRemovedValue(element, candidate)));

        MultiValues.RemoveIfEmpty(document, target.Attribute, array);
    }
}
