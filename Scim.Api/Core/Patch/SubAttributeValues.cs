using System.Text.Json.Nodes;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Json;

namespace Scim.Api.Core.Patch;

/// <summary>Setting and removing a sub-attribute (<c>name.givenName</c>, <c>emails.value</c>) without a value filter.</summary>
internal static class SubAttributeValues
{
    public static void Set(ResourceDocument document, PatchTarget target, JsonNode? value)
    {
        var sub = target.SubAttribute!;
        if (target.Shape == TargetShape.MultiValued)
        {
            // Without a filter the sub-attribute of every value is set; with no values yet, one is created.
            var array = MultiValues.Of(document, target.Attribute);
            if (array is null || array.Count == 0)
            {
                var created = PatchValues.ForElement(new JsonObject { [sub] = value?.DeepClone() }, target.Attribute, document.Type);
                var appended = MultiValues.Append(document, target.Attribute, created is null ? [] : [created]);
                PrimaryValueRule.Apply(MultiValues.Of(document, target.Attribute), appended);
                return;
            }

            var changed = new List<JsonNode>();
            foreach (var element in array.OfType<JsonObject>())
            {
                SetOn(element, target, value, document);
                changed.Add(element);
            }

            PrimaryValueRule.Apply(array, changed);
            return;
        }

        var existing = document.Get(target.Attribute) as JsonObject ?? [];
        var updated = (JsonObject)existing.DeepClone();
        SetOn(updated, target, value, document);
        if (updated.Count == 0)
        {
            document.Remove(target.Attribute);
            return;
        }

        document.Set(target.Attribute, updated);
    }

    /// <summary>Sets one sub-attribute of a complex value, normalized as part of that value; null clears it.</summary>
    public static void SetOn(JsonObject element, PatchTarget target, JsonNode? value, ResourceDocument document)
    {
        var sub = target.SubAttribute!;
        var wrapped = new JsonObject { [sub] = value?.DeepClone() };
        var normalized = target.Shape == TargetShape.MultiValued
            ? PatchValues.ForElement(wrapped, target.Attribute, document.Type)
            : PatchValues.ForAttribute(wrapped, target.Attribute, document.Type);
        var subValue = normalized switch
        {
            null => null,
            JsonObject obj => JsonNodes.Find(obj, sub),
            _ => throw ScimException.InvalidValue($"'{target.Resolved.CanonicalText}' could not be set from {JsonNodes.Describe(value)}."),
        };

        if (subValue is null)
        {
            JsonNodes.Remove(element, sub);
            return;
        }

        JsonNodes.Set(element, sub, subValue.DeepClone());
    }

    public static void Remove(ResourceDocument document, PatchTarget target)
    {
        var sub = target.SubAttribute!;
        if (target.Shape == TargetShape.MultiValued)
        {
            if (MultiValues.Of(document, target.Attribute) is not { } array)
            {
                return;
            }

            foreach (var element in array.OfType<JsonObject>())
            {
                JsonNodes.Remove(element, sub);
            }

            RemoveEmptyElements(array);
            MultiValues.RemoveIfEmpty(document, target.Attribute, array);
            return;
        }

        if (document.Get(target.Attribute) is JsonObject existing)
        {
            JsonNodes.Remove(existing, sub);
            if (existing.Count == 0)
            {
                document.Remove(target.Attribute);
            }
        }
    }

    // RFC 7644 §3.5.2.2: sub-attributes whose values were removed are unassigned; a value left with none is gone.
    public static void RemoveEmptyElements(JsonArray array) => array.RemoveAll(element => element is JsonObject { Count: 0 });
}
