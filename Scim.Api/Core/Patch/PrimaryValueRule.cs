using System.Text.Json.Nodes;
using Scim.Api.Core.Json;

namespace Scim.Api.Core.Patch;

/// <summary>
/// RFC 7644 §3.5.2: an operation that sets <c>primary</c> to true on a value makes the server set it to false
/// on every other value of the attribute.
/// </summary>
internal static class PrimaryValueRule
{
    private const string Primary = "primary";

    public static void Apply(JsonArray? array, IReadOnlyCollection<JsonNode> changed)
    {
        if (array is null || changed.Count == 0)
        {
            return;
        }

        var newPrimary = changed.FirstOrDefault(IsPrimary);
        if (newPrimary is null)
        {
            return;
        }

        foreach (var element in array)
        {
            if (element is JsonObject other && !changed.Contains(other) && IsPrimary(other))
            {
                JsonNodes.Set(other, Primary, false);
            }
        }
    }

    private static bool IsPrimary(JsonNode? element) =>
        element is JsonObject obj && JsonNodes.Find(obj, Primary) is JsonValue value
        && value.TryGetValue<bool>(out var primary) && primary;
}
