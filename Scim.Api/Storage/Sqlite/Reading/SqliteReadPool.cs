using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Scim.Api.Storage.Sqlite.Reading;

/// <summary>
/// A fixed number of read-only connections, kept open and reused across requests. WAL lets any number of them read
/// while the writer commits; each read sees the last commit made before its transaction began.
/// </summary>
/// <remarks>
/// The number is bounded, and a request that finds every connection busy waits for one asynchronously instead of
/// opening another. A connection opened for one request and closed after it costs more than the read itself: the
/// open, its pragmas and functions, a cold page cache and every statement parsed and planned again. With the thread
/// pool allowed many blocked workers (<see cref="BlockingCallWorkers"/>), an unbounded pool kept only a few
/// connections and opened and closed one for most reads under load. More connections than this would not read
/// faster either: reads are CPU work once their pages are in the OS cache.
/// </remarks>
internal sealed class SqliteReadPool : IDisposable
{
    /// <summary>Four connections per core, and never fewer than four.</summary>
    public static readonly int DefaultSize = Math.Max(4, Environment.ProcessorCount * 4);

    private readonly SqliteConnectionFactory _factory;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentBag<SqliteConnection> _idle = [];
    private volatile bool _disposed;

    public SqliteReadPool(SqliteConnectionFactory factory, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        _factory = factory;
        _slots = new SemaphoreSlim(size, size);
    }

    /// <summary>Connections open and waiting to be lent; for tests.</summary>
    internal int IdleCount => _idle.Count;

    /// <summary>Lends a connection, waiting for one to come back when all of them are lent.</summary>
    public ValueTask<Lease> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _slots.Wait(0) ? ValueTask.FromResult(LendHeldSlot()) : WaitForSlotAsync(cancellationToken);
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }

    private async ValueTask<Lease> WaitForSlotAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        return LendHeldSlot();
    }

    private Lease LendHeldSlot()
    {
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return new Lease(this, _idle.TryTake(out var connection) ? connection : _factory.OpenReader());
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    private void Return(SqliteConnection connection)
    {
        try
        {
            // A connection left inside a transaction (a read cut short by an error) is not lent again; the next
            // rent opens a fresh one in its place.
            var reusable = connection.State == System.Data.ConnectionState.Open && raw.sqlite3_get_autocommit(connection.Handle) != 0;
            if (_disposed || !reusable)
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
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>A lent connection; disposing it gives the connection back.</summary>
    public readonly struct Lease(SqliteReadPool pool, SqliteConnection connection) : IDisposable
    {
        public SqliteConnection Connection { get; } = connection;

        public void Dispose() => pool.Return(Connection);
    }
}
