using System.Text.Json.Nodes;
using Scim.Api.Core.Json;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Storage;

namespace Scim.Api.Core.Patch;

// Reading canonical member values ({"value", "type", "display"}) as the store's member references.
internal static class MemberReferences
{
    public static MemberReference From(JsonNode? member) =>
        TryFrom(member)
        ?? throw ScimException.InvalidValue(
            $"Each member must be an object with a 'value' holding the id of a User or Group, not {Describe(member)}.");

    public static MemberReference? TryFrom(JsonNode? member)
    {
        if (member is not JsonObject obj || JsonNodes.TextOf(JsonNodes.Find(obj, "value")) is not { Length: > 0 } id)
        {
            return null;
        }

        return new MemberReference(id, JsonNodes.TextOf(JsonNodes.Find(obj, "type")), JsonNodes.TextOf(JsonNodes.Find(obj, "display")));
    }

    private static string Describe(JsonNode? member) =>
        member is JsonObject ? "an object without one" : JsonNodes.Describe(member);
}
