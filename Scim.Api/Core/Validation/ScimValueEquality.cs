using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Api.Core.Json;
using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Validation;

/// <summary>Whether two values of an attribute are the same SCIM value: strings compare per caseExact (RFC 7643 §2.3.1).</summary>
internal static class ScimValueEquality
{
    public static bool AreEquivalent(JsonNode? left, JsonNode? right, AttributeDefinition attribute)
    {
        if (attribute.MultiValued && left is JsonArray leftArray && right is JsonArray rightArray)
        {
            // Multi-valued attributes are unordered (RFC 7643 §2.4).
            var single = attribute with { MultiValued = false };
            return leftArray.Count == rightArray.Count
                && leftArray.All(l => rightArray.Any(r => AreEquivalent(l, r, single)))
                && rightArray.All(r => leftArray.Any(l => AreEquivalent(l, r, single)));
        }

        if (attribute.Type == AttributeType.Complex && left is JsonObject leftObject && right is JsonObject rightObject)
        {
            return attribute.SubAttributes.All(sub => AreEquivalent(
                JsonNodes.Find(leftObject, sub.Name), JsonNodes.Find(rightObject, sub.Name), sub));
        }

        if (!attribute.CaseExact
            && left is JsonValue leftValue && leftValue.GetValueKind() == JsonValueKind.String
            && right is JsonValue rightValue && rightValue.GetValueKind() == JsonValueKind.String)
        {
            return string.Equals(leftValue.GetValue<string>(), rightValue.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        }

        return JsonNode.DeepEquals(left, right);
    }
}
