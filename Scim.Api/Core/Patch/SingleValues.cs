using System.Text.Json.Nodes;

namespace Scim.Api.Core.Patch;

/// <summary>Writing a single-valued attribute, simple or complex.</summary>
internal static class SingleValues
{
    public static void Set(ResourceDocument document, PatchTarget target, JsonNode? value)
    {
        var normalized = PatchValues.ForAttribute(value, target.Attribute, document.Type);
        if (normalized is null)
        {
            document.Remove(target.Attribute);
            return;
        }

        document.Set(target.Attribute, normalized);
    }

    public static void MergeComplex(ResourceDocument document, PatchTarget target, JsonNode? value)
    {
        var normalized = PatchValues.ForAttribute(value, target.Attribute, document.Type);
        var given = normalized is null ? [] : ComplexValues.RequireObject(normalized, target.Text);
        var existing = document.Get(target.Attribute) as JsonObject ?? [];
        var merged = (JsonObject)existing.DeepClone();
        ComplexValues.Merge(merged, given, value, target.Definition);
        if (merged.Count == 0)
        {
            document.Remove(target.Attribute);
            return;
        }

        document.Set(target.Attribute, merged);
    }
}
