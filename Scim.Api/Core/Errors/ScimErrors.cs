using Scim.Api.Core.Errors;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;
using Scim.Api.Core.Versioning;

namespace Scim.Api.Core.Errors;

/// <summary>
/// The errors about resources that the pipeline and every store raise, worded once so a client reads the same detail
/// whichever layer or store found the problem.
/// </summary>
public static class ScimErrors
{
    public static ScimException NotFound(ResourceKey key) => NotFound(key.Type, key.Id);

    public static ScimException NotFound(ResourceTypeDefinition type, string id) => ScimException.NotFound($"{type.Name} '{id}' was not found.");

    /// <summary>RFC 7644 §3.14: a version that does not match the resource's is 412.</summary>
    public static ScimException VersionMismatch(long current) => ScimException.PreconditionFailed(
        $"The resource has changed: its current version is {EntityTag.Format(current)}. Read it again and retry.");

    /// <summary>RFC 7644 §3.3: a duplicate of a unique attribute is 409 with scimType "uniqueness".</summary>
    public static ScimException DuplicateValue(ResourceKey key, string attribute, string? value) =>
        ScimException.Uniqueness($"A {key.Type.Name} with {attribute} '{value}' already exists.");

    public static ScimException DuplicateId(ResourceKey key) => ScimException.Uniqueness($"A {key.Type.Name} with id '{key.Id}' already exists.");

    public static ScimException NoTombstone(ResourceKey key, DateTimeOffset deletedSince) => ScimException.NotFound(
        $"{key.Type.Name} '{key.Id}' has no tombstone deleted since {RoundTripTime.Format(deletedSince)}: it was never deleted, "
        + "is restored already, or is past its retention.");

    /// <summary>A member without an id; <paramref name="sent"/> says what was sent instead, when known.</summary>
    public static ScimException MemberWithoutValue(string? sent = null) => ScimException.InvalidValue(
        "Each member must be an object with a non-empty 'value' holding the id of a User or Group" + (sent is null ? "." : $", not {sent}."));

    public static ScimException UnknownMembers(IEnumerable<string> ids) => ScimException.InvalidValue(
        $"The members {string.Join(", ", ids.Take(5).Select(id => $"'{id}'"))} are not resources of this tenant; create them first or remove them from the request.");

    /// <summary>The answer to a store that cannot be reached: 503, to retry after <see cref="StoreUnavailableException.RetryAfter"/>.</summary>
    public static ScimException StoreUnavailable() => new(503, null, "The resource store is temporarily unavailable; retry later.");
}
