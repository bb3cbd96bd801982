using Microsoft.Data.Sqlite;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Storage;

namespace Scim.Api.Storage.Sqlite.Writing;

/// <summary>The client-caused failures of a write, worded once.</summary>
internal static class ScimErrors
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    public static bool IsUniqueViolation(SqliteException exception) =>
        exception.SqliteErrorCode == SqliteConstraint
        && exception.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey;

    // RFC 7644 §3.3: a duplicate of a unique attribute is 409 with scimType "uniqueness".
    public static ScimException DuplicateValue(ResourceKey key, string attribute, string? value) =>
        ScimException.Uniqueness($"A {key.Type.Name} with {attribute} '{value}' already exists.");

    public static ScimException DuplicateId(ResourceKey key) =>
        ScimException.Uniqueness($"A {key.Type.Name} with id '{key.Id}' already exists.");

    public static ScimException NotFound(ResourceKey key) =>
        ScimException.NotFound($"{key.Type.Name} '{key.Id}' not found.");

    // RFC 7644 §3.14: a version mismatch on a conditional write is 412.
    public static ScimException VersionMismatch(ResourceKey key, long actual, long expected) =>
        ScimException.PreconditionFailed(
            $"{key.Type.Name} '{key.Id}' is at version {actual}, not {expected} as the request expected; read it again and retry.");

    public static ScimException NoTombstone(ResourceKey key, DateTimeOffset deletedSince) =>
        ScimException.NotFound(
            $"{key.Type.Name} '{key.Id}' has no tombstone deleted since {RoundTripTime.Format(deletedSince)}: it was never deleted, "
            + "is restored already, or is past its retention.");

    public static ScimException UnknownMember(string memberId) =>
        ScimException.InvalidValue($"members: no resource with id '{memberId}' exists.");

    public static ScimException EmptyMemberValue() =>
        ScimException.InvalidValue("members: every member needs a non-empty 'value' (the member's id).");
}
