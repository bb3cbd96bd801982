using Microsoft.Data.Sqlite;

namespace Scim.Api.Storage.Sqlite.Reading;

/// <summary>
/// A read transaction: the statements run inside it see one committed state, so a page and its total, or a
/// group and its members, always agree even while the writer commits.
/// </summary>
internal readonly struct ReadSnapshot : IDisposable
{
    private readonly SqliteConnection _connection;

    private ReadSnapshot(SqliteConnection connection) => _connection = connection;

    public static ReadSnapshot Begin(SqliteConnection connection)
    {
        Execute(connection, "BEGIN");
        return new ReadSnapshot(connection);
    }

    public void Dispose() => Execute(_connection, "COMMIT");

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var statement = ReaderStatements.Get(connection, sql);
        statement.Command.ExecuteNonQuery();
    }
}
