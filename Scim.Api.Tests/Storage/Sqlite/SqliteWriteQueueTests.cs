using Microsoft.Data.Sqlite;
using Scim.Api.Core.Errors;
using Scim.Api.Storage.Sqlite;
using Scim.Api.Storage.Sqlite.Writing;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Storage.Sqlite;

public sealed class SqliteWriteQueueTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new();
    private SqliteConnection _connection = null!;
    private SqliteWriteQueue _queue = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _connection = new SqliteConnectionFactory(new SqliteStoreOptions { Path = _directory.File("queue.db") }).OpenWriter();
        Execute(_connection, "CREATE TABLE t (n INTEGER PRIMARY KEY)");
        _queue = new SqliteWriteQueue(_connection);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _queue.DisposeAsync();
        await _connection.DisposeAsync();
        _directory.Dispose();
    }

    private static int Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    private Task<int> Insert(int n) => _queue.EnqueueAsync(c => Execute(c, $"INSERT INTO t VALUES ({n})"), Ct);

    private List<long> Rows()
    {
        using var reader = new SqliteConnection($"Data Source={_directory.File("queue.db")};Pooling=False");
        reader.Open();
        using var command = reader.CreateCommand();
        command.CommandText = "SELECT n FROM t ORDER BY n";
        using var rows = command.ExecuteReader();
        var values = new List<long>();
        while (rows.Read())
        {
            values.Add(rows.GetInt64(0));
        }

        return values;
    }

    // Holds the writer until released, so that the writes queued meanwhile are committed as one batch.
    private Task<int> HoldTheWriter(ManualResetEventSlim gate) => _queue.EnqueueAsync(_ =>
    {
        gate.Wait(TimeSpan.FromSeconds(10));
        return 0;
    }, Ct);

    [Fact]
    public async Task Writes_RunOnTheWritersOwnThread_NotOnAThreadPoolWorker()
    {
        // A commit waits for fsync; on a pool worker that wait would take one of the few threads requests run on.
        var thread = await _queue.EnqueueAsync(_ => (Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name), Ct);

        Assert.Equal((false, "SQLite writer"), thread);
    }

    [Fact]
    public async Task Batch_AFailingWrite_RollsBackOnlyItselfAndReportsItsOwnError()
    {
        using var gate = new ManualResetEventSlim();
        var held = HoldTheWriter(gate);
        var first = Insert(1);
        var duplicate = Insert(1);
        var brokenSql = _queue.EnqueueAsync(c => Execute(c, "INSERT INTO missing_table VALUES (1)"), Ct);
        var halfDone = _queue.EnqueueAsync<int>(c =>
        {
            Execute(c, "INSERT INTO t VALUES (3)");
            throw ScimException.PreconditionFailed("stale");
        }, Ct);
        var last = Insert(2);

        gate.Set();

        await held;
        await first;
        await last;
        Assert.True(ScimErrorsIsUnique(await Assert.ThrowsAsync<SqliteException>(() => duplicate)));
        await Assert.ThrowsAsync<SqliteException>(() => brokenSql);
        Assert.Equal(412, (await Assert.ThrowsAsync<ScimException>(() => halfDone)).Status);
        Assert.Equal([1, 2], Rows());
    }

    [Fact]
    public async Task Batch_AWriteWithABug_ReportsTheExceptionAndTheWriterCarriesOn()
    {
        var buggy = _queue.EnqueueAsync<int>(_ => throw new InvalidOperationException("bug"), Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => buggy);
        await Insert(7);

        Assert.True(_queue.IsRunning);
        Assert.Equal([7], Rows());
    }

    [Fact]
    public async Task Enqueue_CancelledWhileWaiting_NeverRuns()
    {
        using var gate = new ManualResetEventSlim();
        using var cancellation = new CancellationTokenSource();
        var held = HoldTheWriter(gate);
        var cancelled = _queue.EnqueueAsync(c => Execute(c, "INSERT INTO t VALUES (4)"), cancellation.Token);

        await cancellation.CancelAsync();
        gate.Set();
        await held;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await Insert(5);
        Assert.Equal([5], Rows());
    }

    [Fact]
    public async Task Enqueue_ManyWritesAtOnce_AllCommit()
    {
        await Task.WhenAll(Enumerable.Range(1, 2000).Select(Insert));

        Assert.Equal(2000, Rows().Count);
    }

    private static bool ScimErrorsIsUnique(SqliteException error) => SqliteConstraints.IsUniqueViolation(error);
}
