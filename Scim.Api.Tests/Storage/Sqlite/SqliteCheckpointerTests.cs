using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Scim.Api.Storage.Sqlite;
using Scim.Api.Storage.Sqlite.Writing;
using Scim.Api.Tests.Hosting.Auth;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Storage.Sqlite;

/// <summary>
/// The background checkpointer over a writer and its queue, with small thresholds so that a few commits pass them.
/// What the WAL holds is read with <c>PRAGMA wal_checkpoint(NOOP)</c>, which reports without copying anything.
/// </summary>
public sealed class SqliteCheckpointerTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly TemporaryDirectory _directory = new();
    private readonly CapturingLoggerProvider _logs = new();
    private SqliteConnectionFactory _factory = null!;
    private SqliteConnection _writer = null!;
    private SqliteCheckpointer? _checkpointer;
    private SqliteWriteQueue? _queue;
    private int _next;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string DatabasePath => _directory.File("wal.db");

    public ValueTask InitializeAsync()
    {
        _factory = new SqliteConnectionFactory(new SqliteStoreOptions { Path = DatabasePath });
        _writer = _factory.OpenWriter();
        Execute(_writer, "CREATE TABLE t (n INTEGER PRIMARY KEY, filler BLOB NOT NULL)");
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_queue is not null)
        {
            await _queue.DisposeAsync();
        }

        if (_checkpointer is not null)
        {
            await _checkpointer.DisposeAsync();
        }

        await _writer.DisposeAsync();
        _logs.Dispose();
        _directory.Dispose();
    }

    private SqliteWriteQueue Start(int thresholdPages, long? restartAbovePages = null)
    {
        _checkpointer = new SqliteCheckpointer(_factory, _logs.CreateLogger("checkpointer"), thresholdPages, restartAbovePages);
        _queue = new SqliteWriteQueue(_writer, _checkpointer.PagesAppended);
        return _queue;
    }

    private static int Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    // Rows of 3,000 bytes do not share a 4 KB page: a commit appends about one page per row to the WAL.
    private static string InsertRowsSql(int first, int last) =>
        $"WITH RECURSIVE s(v) AS (SELECT {first} UNION ALL SELECT v + 1 FROM s WHERE v < {last}) INSERT INTO t SELECT v, randomblob(3000) FROM s";

    private Task<int> CommitRowsAsync(int rows)
    {
        var first = Interlocked.Add(ref _next, rows) - rows + 1;
        return _queue!.EnqueueAsync(c => Execute(c, InsertRowsSql(first, first + rows - 1)), Ct);
    }

    // The checkpointer copies a WAL left from before it started (here: the table's creation) once at start.
    private Task StartCheckpointDoneAsync() => Eventually(() => LogsContaining("PASSIVE checkpoint", LogLevel.Debug) > 0, "the checkpoint at start");

    private (long Log, long Checkpointed) Wal()
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(NOOP)";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(1), reader.GetInt64(2));
    }

    private long Rows()
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM t";
        return (long)command.ExecuteScalar()!;
    }

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Still not true after {Patience.TotalSeconds} s: {what}");
            await Task.Delay(20, Ct);
        }
    }

    private int LogsContaining(string text, LogLevel level) =>
        _logs.Entries.Count(entry => entry.Level == level && entry.Text.Contains(text, StringComparison.Ordinal));

    [Fact]
    public void Writer_HasSqlitesAutomaticCheckpointTurnedOff()
    {
        using var command = _writer.CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint";

        Assert.Equal(0L, command.ExecuteScalar());
    }

    [Fact]
    public async Task Queue_AfterEachCommit_ReportsThePagesItAppendedToTheWal()
    {
        var reported = new List<int>();
        await using var queue = new SqliteWriteQueue(_writer, reported.Add);

        await queue.EnqueueAsync(c => Execute(c, InsertRowsSql(1, 50)), Ct);
        await queue.EnqueueAsync(c => Execute(c, "INSERT INTO t VALUES (51, x'00')"), Ct);

        Assert.Equal(2, reported.Count);
        Assert.InRange(reported[0], 50, 60);
        Assert.InRange(reported[1], 1, 3);
    }

    [Fact]
    public async Task Checkpointer_OnceTheWalPassesTheThreshold_CopiesItIntoTheDatabaseFileWithoutAnotherWrite()
    {
        Start(thresholdPages: 40);
        await StartCheckpointDoneAsync();

        await CommitRowsAsync(60);

        await Eventually(() => Wal() is { Log: >= 60 } wal && wal.Checkpointed == wal.Log, "every page of the WAL checkpointed");
    }

    [Fact]
    public async Task Checkpointer_BelowTheThreshold_LeavesTheWalAlone()
    {
        Start(thresholdPages: 1000);
        await StartCheckpointDoneAsync();
        var debugBefore = LogsContaining("PASSIVE checkpoint", LogLevel.Debug);

        await CommitRowsAsync(20);
        await CommitRowsAsync(20);

        var (log, checkpointed) = Wal();
        Assert.True(log - checkpointed >= 40, $"{checkpointed} of {log} pages checkpointed");
        Assert.Equal(debugBefore, LogsContaining("PASSIVE checkpoint", LogLevel.Debug));
    }

    [Fact]
    public async Task Checkpointer_AcrossManyCommits_KeepsTheWalFileFromGrowing()
    {
        Start(thresholdPages: 40);
        const int rounds = 40;
        for (var round = 0; round < rounds; round++)
        {
            await CommitRowsAsync(50);
            await Eventually(() => Wal() is var wal && wal.Checkpointed == wal.Log, $"round {round} checkpointed");
        }

        // Every checkpointed WAL restarts at the next commit, so the file holds about one round, not all of them.
        var walBytes = new FileInfo(DatabasePath + "-wal").Length;
        Assert.True(walBytes < 4 * 60 * 4096, $"the WAL file has {walBytes} bytes after {rounds} rounds of 50 pages");
        Assert.Equal(rounds * 50, Rows());
    }

    [Fact]
    public async Task Writes_WhileCheckpointsRunAfterEveryCommit_AllCommit()
    {
        var queue = Start(thresholdPages: 1);

        // Each commit wakes the checkpointer, which copies while the next commits append.
        for (var i = 0; i < 100; i++)
        {
            await CommitRowsAsync(5);
        }

        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => CommitRowsAsync(1)));
        await Eventually(() => LogsContaining("PASSIVE checkpoint", LogLevel.Debug) >= 3, "checkpoints after the commits");
        Assert.True(queue.IsRunning);
        Assert.Equal(700, Rows());
        Assert.Equal(0, LogsContaining("checkpoint failed", LogLevel.Error));
    }

    [Fact]
    public async Task Checkpointer_WhenAReaderKeepsTheWalFromRestarting_ForcesARestartPastTheBoundWithoutFailingWrites()
    {
        Start(thresholdPages: 16, restartAbovePages: 64);
        await StartCheckpointDoneAsync();
        await CommitRowsAsync(1);
        using var reader = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        reader.Open();
        Execute(reader, "BEGIN");
        using (var read = reader.CreateCommand())
        {
            read.CommandText = "SELECT count(*) FROM t";
            read.ExecuteScalar();
        }

        // The old snapshot stops every passive checkpoint short; once the WAL passes 64 pages a RESTART waits for
        // the reader in vain, and gives up without failing the writes queued behind it.
        for (var i = 0; i < 5; i++)
        {
            await CommitRowsAsync(20);
        }

        await Eventually(() => LogsContaining("gave up waiting for the writer or for readers", LogLevel.Warning) > 0, "a restart refused by the reader");
        Execute(reader, "COMMIT");
        await CommitRowsAsync(20);

        await Eventually(() => LogsContaining("RESTART checkpoint", LogLevel.Debug) > 0, "a restart once the reader let go");
        await CommitRowsAsync(1);
        var (log, _) = Wal();
        Assert.True(log < 64, $"the WAL held over 100 pages while the reader read; it should have restarted since: {log} pages");
        Assert.Equal(122, Rows());
    }

    [Fact]
    public async Task Dispose_EmptiesTheWalIntoTheDatabaseFileEvenWhileAnotherConnectionIsOpen()
    {
        Start(thresholdPages: 1000);
        await CommitRowsAsync(30);
        using var bystander = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        bystander.Open();
        Execute(bystander, "SELECT count(*) FROM t");

        await _queue!.DisposeAsync();
        await _checkpointer!.DisposeAsync();
        _queue = null;
        _checkpointer = null;

        Assert.Equal(0, new FileInfo(DatabasePath + "-wal").Length);
        Assert.Equal(30, Rows());
    }
}
