using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Scim.Api.Storage.Sqlite.Reading;

/// <summary>
/// The read statements of each pooled reader connection, prepared once and reused. Microsoft.Data.Sqlite keeps
/// a command's prepared statements only as long as the command lives, so a command created per call parses
/// and plans its SQL on every GET. A reader connection is used by one request at a time (it is leased), so its
/// commands are too. The cache is bounded: filter SQL varies with the filter's shape (values are parameters).
/// </summary>
internal static class ReaderStatements
{
    private const int KeptPerConnection = 64;

    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> Caches = [];

    /// <summary>A command for <paramref name="sql"/> with no parameters bound; dispose the returned handle.</summary>
    public static Statement Get(SqliteConnection connection, string sql)
    {
        var cache = Caches.GetOrAdd(connection, static _ => new Dictionary<string, SqliteCommand>(StringComparer.Ordinal));
        if (cache.TryGetValue(sql, out var command))
        {
            command.Parameters.Clear();
            return new Statement(command, owned: false);
        }

        command = connection.CreateCommand();
        command.CommandText = sql;
        if (cache.Count >= KeptPerConnection)
        {
            return new Statement(command, owned: true);
        }

        cache[sql] = command;
        return new Statement(command, owned: false);
    }

    /// <summary>
    /// A command on loan. Disposing it disposes only a command the cache did not keep; a kept one lives as long
    /// as its connection, which disposes it when closed.
    /// </summary>
    public readonly struct Statement(SqliteCommand command, bool owned) : IDisposable
    {
        public SqliteCommand Command { get; } = command;

        public void Dispose()
        {
            if (owned)
            {
                Command.Dispose();
            }
        }
    }
}
