using System.Text.Json.Nodes;
using Scim.Api.Core.Compatibility;

namespace Scim.Api.Core.Patch;

/// <summary>The "replace" operation with a path (RFC 7644 §3.5.2.3).</summary>
internal static class ReplaceOperation
{
    public static void Apply(ResourceDocument document, PatchTarget target, JsonNode? value)
    {
        if (IdpCompatibility.IsClearingValue(value))
        {
            RemoveOperation.Apply(document, target, null);
            return;
        }

        if (target.Filter is not null)
        {
            FilteredValues.Set(document, target, value, PatchOperationType.Replace);
            return;
        }

        // A target that does not exist yet is treated as an "add"; the cases below all create it.
        if (target.SubAttribute is not null)
        {
            SubAttributeValues.Set(document, target, value);
            return;
        }

        switch (target.Shape)
        {
            case TargetShape.ExtensionRoot:
                PathlessValue.Apply(document, PatchOperationType.Replace, value, target);
                break;
            case TargetShape.MultiValued:
                // Without a filter the attribute and all its values are replaced.
                var values = PatchValues.ForElements(value, target.Attribute, document.Type);
                document.Remove(target.Attribute);
                var stored = MultiValues.Append(document, target.Attribute, values);
                PrimaryValueRule.Apply(MultiValues.Of(document, target.Attribute), stored);
                break;
            case TargetShape.Complex:
                // Sub-attributes that are not given are left unchanged.
                SingleValues.MergeComplex(document, target, value);
                break;
            default:
                SingleValues.Set(document, target, value);
                break;
        }
    }
}
