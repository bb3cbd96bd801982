namespace Scim.Api.Storage.Sqlite.Querying;

/// <summary>The LIMIT clause of a statement that is prepared once and run again with other bindings.</summary>
/// <remarks>
/// SQLite reads a LIMIT that is a bare parameter (<c>LIMIT $limit</c>) while it prepares the statement, as a hint
/// to its planner, and then marks the statement to be prepared again whenever that parameter is bound. Every run
/// binds it, so a kept statement was parsed and planned on every run. An expression over the parameter is
/// evaluated only when the statement runs; the result is the same.
/// </remarks>
internal static class SqlLimit
{
    /// <summary><c>LIMIT</c> bound to <c>$limit</c>.</summary>
    public const string Clause = "LIMIT $limit + 0";
}
