using System.Text.Json.Nodes;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;

namespace Scim.Api.Application;

/// <summary>Group members travel as JSON in requests and as <see cref="MemberReference"/> rows in stores.</summary>
internal static class MemberReferences
{
    public const string MembersAttribute = ResourceTypeDefinition.Members;
    public const string GroupsAttribute = ResourceTypeDefinition.Groups;

    /// <summary>Takes the members array out of a normalized document.</summary>
    public static List<MemberReference> Extract(JsonObject document)
    {
        var members = new List<MemberReference>();
        if (document[MembersAttribute] is JsonArray array)
        {
            foreach (var element in array)
            {
                members.Add(FromJson(element));
            }
        }

        document.Remove(MembersAttribute);
        return members;
    }

    public static MemberReference FromJson(JsonNode? element)
    {
        if (element is not JsonObject member || member["value"] is not JsonValue value
            || !value.TryGetValue<string>(out var id) || string.IsNullOrWhiteSpace(id))
        {
            throw ScimException.InvalidValue("Each member must have a non-empty string 'value' holding the member's id.");
        }

        return new MemberReference(id, TextOf(member["type"]), TextOf(member["display"]));
    }

    public static void EnsureWithinLimit(int count, int limit)
    {
        if (count > limit)
        {
            throw ScimException.TooMany(
                $"The request changes {count} members; at most {limit} members may be added, removed or set in one request.");
        }
    }

    private static string? TextOf(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
