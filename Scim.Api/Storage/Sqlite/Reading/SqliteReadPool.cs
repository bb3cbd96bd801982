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
/// <para>
/// A lease interrupts its connection's statement (<c>sqlite3_interrupt</c>) when the cancellation token of the rent
/// fires: Microsoft.Data.Sqlite checks the token only between steps it controls, so without this a long query runs on
/// for its whole length after the request was abandoned or timed out. A connection whose read was cancelled is not
/// lent again.
/// </para>
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
        cancellationToken.ThrowIfCancellationRequested();
        return _slots.Wait(0) ? ValueTask.FromResult(LendHeldSlot(cancellationToken)) : WaitForSlotAsync(cancellationToken);
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
        return LendHeldSlot(cancellationToken);
    }

    private Lease LendHeldSlot(CancellationToken cancellationToken)
    {
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var connection = _idle.TryTake(out var idle) ? idle : _factory.OpenReader();
            var interruption = cancellationToken.CanBeCanceled
                ? cancellationToken.UnsafeRegister(static state => raw.sqlite3_interrupt(((SqliteConnection)state!).Handle), connection)
                : default;
            return new Lease(this, connection, interruption, cancellationToken);
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    private void Return(SqliteConnection connection, bool cancelled)
    {
        try
        {
            // A connection left inside a transaction (a read cut short by an error) or whose read was interrupted is not
            // lent again; the next rent opens a fresh one in its place.
            var reusable = !cancelled && connection.State == System.Data.ConnectionState.Open && raw.sqlite3_get_autocommit(connection.Handle) != 0;
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
    public readonly struct Lease(
        SqliteReadPool pool, SqliteConnection connection, CancellationTokenRegistration interruption, CancellationToken cancellationToken) : IDisposable
    {
        public SqliteConnection Connection { get; } = connection;

        public void Dispose()
        {
            // Waits for an interruption already under way, so none reaches the connection once it is lent again.
            interruption.Dispose();
            pool.Return(Connection, cancellationToken.IsCancellationRequested);
        }
    }
}
