using System.Text.Json.Nodes;
using Scim.Api.Core.Compatibility;
using Scim.Api.Core.Json;
using Scim.Api.Core.Patch;

namespace Scim.Api.Hosting.Telemetry;

/// <summary>
/// How many add, replace and remove operations a PATCH body holds, read from the body as the client sent it (the
/// "Operations" key and the op names in any case, RFC 7643 §2.1), without parsing paths or copying values.
/// </summary>
internal static class PatchOperationCounts
{
    public static IReadOnlyDictionary<string, long> Of(JsonNode? body)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        if (body is not JsonObject message || JsonNodes.Find(message, "Operations") is not JsonArray operations)
        {
            return counts;
        }

        foreach (var operation in operations)
        {
            if (operation is JsonObject op && IdpCompatibility.NormalizeOperationName(JsonNodes.TextOf(JsonNodes.Find(op, "op"))) is { } name)
            {
                counts[name] = counts.GetValueOrDefault(name) + 1;
            }
        }

        return counts;
    }
}
