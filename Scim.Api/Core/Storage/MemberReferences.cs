using System.Text.Json.Nodes;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Json;
using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Storage;

/// <summary>
/// Group members as JSON values (<c>{"value", "type", "display"}</c>, canonical after normalization) and as the
/// <see cref="MemberReference"/>s stores keep, one membership each. The one place that reads a member.
/// </summary>
public static class MemberReferences
{
    public const string MembersAttribute = ResourceTypeDefinition.Members;
    public const string GroupsAttribute = ResourceTypeDefinition.Groups;

    /// <summary>A member value, or null when it has no id: not an object, or no non-blank string <c>value</c>.</summary>
    public static MemberReference? TryFrom(JsonNode? member)
    {
        if (member is not JsonObject obj || JsonNodes.TextOf(JsonNodes.Find(obj, "value")) is not { } id || string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        return new MemberReference(id, NonEmpty(JsonNodes.Find(obj, "type")), NonEmpty(JsonNodes.Find(obj, "display")));
    }

    /// <summary>A member value, or 400 <c>invalidValue</c> naming what is wrong with it.</summary>
    public static MemberReference From(JsonNode? member) =>
        TryFrom(member) ?? throw ScimErrors.MemberWithoutValue(Describe(member));

    /// <summary>Takes the members out of a normalized document, which the store then keeps as memberships.</summary>
    public static List<MemberReference> Extract(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var members = new List<MemberReference>();
        if (document[MembersAttribute] is JsonArray array)
        {
            foreach (var element in array)
            {
                members.Add(From(element));
            }
        }

        document.Remove(MembersAttribute);
        return members;
    }

    /// <summary>400 <c>tooMany</c> when one request adds, removes or sets more members than <paramref name="limit"/>.</summary>
    public static void EnsureWithinLimit(int count, int limit)
    {
        if (count > limit)
        {
            throw ScimException.TooMany(
                $"The request changes {count} members; at most {limit} members may be added, removed or set in one request.");
        }
    }

    private static string? NonEmpty(JsonNode? node) => JsonNodes.TextOf(node) is { Length: > 0 } text ? text : null;

    private static string Describe(JsonNode? member) =>
        member is JsonObject ? "an object without one" : JsonNodes.Describe(member);
}
