using Microsoft.Data.Sqlite;
using Scim.Api.Storage.Sqlite;
using Scim.Api.Storage.Sqlite.Reading;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Storage.Sqlite;

/// <summary>The bounded pool of reader connections: reuse, waiting when all are lent, and what it refuses to lend again.</summary>
public sealed class SqliteReadPoolTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly SqliteConnection _writer;
    private readonly SqliteReadPool _pool;

    public SqliteReadPoolTests()
    {
        var factory = new SqliteConnectionFactory(new SqliteStoreOptions { Path = _directory.File("pool.db") });
        _writer = factory.OpenWriter();
        _pool = new SqliteReadPool(factory, size: 2);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _pool.Dispose();
        _writer.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task RentAsync_AfterALeaseComesBack_LendsTheSameOpenConnection()
    {
        SqliteConnection first;
        using (var lease = await _pool.RentAsync(Ct))
        {
            first = lease.Connection;
        }

        using var again = await _pool.RentAsync(Ct);

        Assert.Same(first, again.Connection);
        Assert.Equal(System.Data.ConnectionState.Open, again.Connection.State);
    }

    [Fact]
    public async Task RentAsync_AllConnectionsLent_WaitsUntilOneComesBackAndOpensNoOther()
    {
        var one = await _pool.RentAsync(Ct);
        var two = await _pool.RentAsync(Ct);

        var waiting = _pool.RentAsync(Ct).AsTask();
        await Task.Delay(50, Ct);
        Assert.False(waiting.IsCompleted);

        var returned = two.Connection;
        two.Dispose();
        using var third = await waiting.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Same(returned, third.Connection);
        one.Dispose();
    }

    [Fact]
    public async Task RentAsync_WaitCancelled_ThrowsAndKeepsTheSlotForTheNextRent()
    {
        var one = await _pool.RentAsync(Ct);
        var two = await _pool.RentAsync(Ct);
        using var cancellation = new CancellationTokenSource();

        var waiting = _pool.RentAsync(cancellation.Token).AsTask();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        one.Dispose();
        two.Dispose();
        using var a = await _pool.RentAsync(Ct);
        using var b = await _pool.RentAsync(Ct);
        Assert.NotSame(a.Connection, b.Connection);
    }

    [Fact]
    public async Task Return_ConnectionLeftInsideATransaction_IsClosedAndReplacedByAFreshOne()
    {
        SqliteConnection abandoned;
        using (var lease = await _pool.RentAsync(Ct))
        {
            abandoned = lease.Connection;
            using var begin = abandoned.CreateCommand();
            begin.CommandText = "BEGIN";
            begin.ExecuteNonQuery();
        }

        Assert.Equal(System.Data.ConnectionState.Closed, abandoned.State);
        Assert.Equal(0, _pool.IdleCount);
        using var next = await _pool.RentAsync(Ct);
        using var next2 = await _pool.RentAsync(Ct);
        Assert.NotSame(abandoned, next.Connection);
        Assert.NotSame(abandoned, next2.Connection);
    }

    [Fact]
    public async Task ALeasesStatement_IsInterruptedWhenItsTokenFires_AndTheConnectionIsNotLentAgain()
    {
        using var abandoned = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        SqliteConnection interrupted;
        SqliteException? error;
        using (var lease = await _pool.RentAsync(abandoned.Token))
        {
            interrupted = lease.Connection;
            using var command = lease.Connection.CreateCommand();
            // Counts to ten billion: minutes of work unless something stops it.
            command.CommandText = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 10000000000) SELECT count(*) FROM n";
            abandoned.CancelAfter(TimeSpan.FromMilliseconds(50));
            error = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteScalarAsync(CancellationToken.None));
        }

        using var next = await _pool.RentAsync(Ct);
        Assert.Equal(SQLitePCL.raw.SQLITE_INTERRUPT, error.SqliteErrorCode);
        Assert.NotSame(interrupted, next.Connection);
    }

    [Fact]
    public async Task RentAsync_WithATokenAlreadyCancelled_LendsNothing()
    {
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await _pool.RentAsync(new CancellationToken(canceled: true)));

        using var lease = await _pool.RentAsync(Ct);
        Assert.Equal(System.Data.ConnectionState.Open, lease.Connection.State);
    }

    [Fact]
    public async Task RentAsync_AfterDispose_Throws()
    {
        _pool.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await _pool.RentAsync(Ct));
    }
}
