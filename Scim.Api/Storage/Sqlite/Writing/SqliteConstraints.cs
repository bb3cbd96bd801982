using Microsoft.Data.Sqlite;

namespace Scim.Api.Storage.Sqlite.Writing;

/// <summary>What SQLite's errors mean for a write; the errors a client reads are worded in Core (<see cref="Core.Errors.ScimErrors"/>).</summary>
internal static class SqliteConstraints
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    public static bool IsUniqueViolation(SqliteException exception) =>
        exception.SqliteErrorCode == SqliteConstraint
        && exception.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey;
}
