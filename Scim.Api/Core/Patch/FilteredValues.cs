using System.Text.Json.Nodes;
using Scim.Api.Core.Compatibility;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Json;

namespace Scim.Api.Core.Patch;

/// <summary>
/// Operations whose path has a value filter (<c>emails[type eq "work"]</c>, <c>emails[type eq "work"].value</c>).
/// A filter on a single-valued complex attribute (Entra's <c>manager[value eq "id"]</c>) selects its one value
/// when that value matches.
/// </summary>
internal static class FilteredValues
{
    public static void Set(ResourceDocument document, PatchTarget target, JsonNode? value, PatchOperationType op)
    {
        if (target.Shape == TargetShape.Complex)
        {
            SetSingle(document, target, value, op);
            return;
        }

        var array = MultiValues.Of(document, target.Attribute) ?? [];
        var matches = MultiValues.Matching(array, target.Filter!, target.Attribute, document.Type);
        if (matches.Count == 0)
        {
            CreateUnmatched(document, target, value, op);
            return;
        }

        var changed = new List<JsonNode>();
        foreach (var match in matches)
        {
            changed.Add(Update(array, match, target, value, op, document));
        }

        PrimaryValueRule.Apply(array, changed);
    }

    public static void Remove(ResourceDocument document, PatchTarget target)
    {
        if (target.Shape == TargetShape.Complex)
        {
            if (document.Get(target.Attribute) is JsonObject single && Matches(document, target, single))
            {
                if (target.SubAttribute is null)
                {
                    document.Remove(target.Attribute);
                }
                else
                {
                    SubAttributeValues.Remove(document, target with { Filter = null });
                }
            }

            return;
        }

        // Removing values that are not there changes nothing: IdPs retry removals, and the membership store
        // treats removing an absent member the same way, so the planner and the engine agree.
        if (MultiValues.Of(document, target.Attribute) is not { } array)
        {
            return;
        }

        var matches = MultiValues.Matching(array, target.Filter!, target.Attribute, document.Type);
        if (target.SubAttribute is null)
        {
            var selected = new HashSet<JsonNode>(matches, ReferenceEqualityComparer.Instance);
            array.RemoveAll(node => node is not null && selected.Contains(node));
        }
        else
        {
            foreach (var element in matches.OfType<JsonObject>())
            {
                JsonNodes.Remove(element, target.SubAttribute);
            }
        }

        SubAttributeValues.RemoveEmptyElements(array);
        MultiValues.RemoveIfEmpty(document, target.Attribute, array);
    }

    private static JsonNode Update(JsonArray array, JsonNode match, PatchTarget target, JsonNode? value, PatchOperationType op, ResourceDocument document)
    {
        if (target.SubAttribute is not null)
        {
            var element = match as JsonObject
                ?? throw ScimException.InvalidPath($"'{target.Text}' selects values that have no sub-attributes.");
            SubAttributeValues.SetOn(element, target, value, document);
            return element;
        }

        var normalized = PatchValues.ForElement(value, target.Attribute, document.Type)
            ?? throw ScimException.InvalidValue($"'{target.Text}' needs a value for the selected values.");
        if (op == PatchOperationType.Add && match is JsonObject existing)
        {
            ComplexValues.Merge(existing, ComplexValues.RequireObject(normalized, target.Text), value, target.Definition);
            return existing;
        }

        // RFC 7644 §3.5.2.3: every matching value is replaced by the given one.
        array[array.IndexOf(match)] = normalized;
        return normalized;
    }

    private static void CreateUnmatched(ResourceDocument document, PatchTarget target, JsonNode? value, PatchOperationType op)
    {
        var seed = IdpCompatibility.ElementImpliedByFilter(target.Filter!);
        var creates = seed is not null && (op == PatchOperationType.Add || target.SubAttribute is not null);
        if (!creates)
        {
            // RFC 7644 §3.5.2.3: a replace whose filter matches no value fails with noTarget.
            throw ScimException.NoTarget($"'{target.Text}' matched no value of '{target.Attribute.CanonicalText}'.");
        }

        if (target.SubAttribute is not null)
        {
            seed![target.SubAttribute] = value?.DeepClone();
        }
        else if (value is JsonObject given)
        {
            foreach (var (key, member) in given)
            {
                JsonNodes.Set(seed!, key, member?.DeepClone());
            }
        }
        else
        {
            throw ScimException.InvalidValue(
                $"'{target.Text}' selects complex values: the value must be an object, not {JsonNodes.Describe(value)}.");
        }

        var element = PatchValues.ForElement(seed, target.Attribute, document.Type);
        var appended = MultiValues.Append(document, target.Attribute, element is null ? [] : [element]);
        PrimaryValueRule.Apply(MultiValues.Of(document, target.Attribute), appended);
    }

    private static void SetSingle(ResourceDocument document, PatchTarget target, JsonNode? value, PatchOperationType op)
    {
        if (document.Get(target.Attribute) is not JsonObject single || !Matches(document, target, single))
        {
            throw ScimException.NoTarget($"'{target.Text}' does not match the value of '{target.Attribute.CanonicalText}'.");
        }

        var unfiltered = target with { Filter = null };
        if (target.SubAttribute is not null)
        {
            SubAttributeValues.Set(document, unfiltered, value);
        }
        else if (op == PatchOperationType.Add)
        {
            SingleValues.MergeComplex(document, unfiltered, value);
        }
        else
        {
            SingleValues.Set(document, unfiltered, value);
        }
    }

    private static bool Matches(ResourceDocument document, PatchTarget target, JsonObject value) =>
        MultiValues.Matching([value.DeepClone()], target.Filter!, target.Attribute, document.Type).Count > 0;
}
