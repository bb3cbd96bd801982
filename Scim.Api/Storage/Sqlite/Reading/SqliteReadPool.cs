using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Scim.Api.Storage.Sqlite.Reading;

/// <summary>
/// Open read-only connections, reused across requests. WAL lets any number of them read while the writer
/// commits; each read sees the last commit made before its transaction began.
/// </summary>
internal sealed class SqliteReadPool(SqliteConnectionFactory factory) : IDisposable
{
    private static readonly int KeptOpen = Math.Max(4, Environment.ProcessorCount * 2);

    private readonly ConcurrentBag<SqliteConnection> _idle = [];
    private volatile bool _disposed;

    public Lease Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new Lease(this, _idle.TryTake(out var connection) ? connection : factory.OpenReader());
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }

    private void Return(SqliteConnection connection)
    {
        // A connection left inside a transaction (a read cut short by an error) is not handed out again.
        var reusable = connection.State == System.Data.ConnectionState.Open && raw.sqlite3_get_autocommit(connection.Handle) != 0;
        if (_disposed || !reusable || _idle.Count >= KeptOpen)
        {
            connection.Dispose();
            return;
        }

        _idle.Add(connection);
        if (_disposed && _idle.TryTake(out var late))
        {
            late.Dispose();
        }
    }

    /// <summary>A rented connection; disposing it gives the connection back.</summary>
    public readonly struct Lease(SqliteReadPool pool, SqliteConnection connection) : IDisposable
    {
        public SqliteConnection Connection { get; } = connection;

        public void Dispose() => pool.Return(Connection);
    }
}
