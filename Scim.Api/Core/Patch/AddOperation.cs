using System.Text.Json.Nodes;
using Scim.Api.Core.Compatibility;

namespace Scim.Api.Core.Patch;

/// <summary>The "add" operation with a path (RFC 7644 §3.5.2.1).</summary>
internal static class AddOperation
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
            FilteredValues.Set(document, target, value, PatchOperationType.Add);
            return;
        }

        if (target.SubAttribute is not null)
        {
            SubAttributeValues.Set(document, target, value);
            return;
        }

        switch (target.Shape)
        {
            case TargetShape.ExtensionRoot:
                PathlessValue.Apply(document, PatchOperationType.Add, value, target);
                break;
            case TargetShape.MultiValued:
                // A new value is added to the attribute; values it already has are not duplicated.
                var additions = PatchValues.ForElements(value, target.Attribute, document.Type);
                var appended = MultiValues.Append(document, target.Attribute, additions);
                PrimaryValueRule.Apply(MultiValues.Of(document, target.Attribute), appended);
                break;
            case TargetShape.Complex:
                SingleValues.MergeComplex(document, target, value);
                break;
            default:
                SingleValues.Set(document, target, value);
                break;
        }
    }
}
