using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Scim.Api.Storage.Sqlite.Writing;

/// <summary>
/// Copies the WAL back into the database file off the write path. SQLite's automatic checkpoint runs inside the
/// COMMIT that takes the WAL past 1,000 pages: that commit copies the pages and fsyncs the file while every queued
/// write waits behind it. The writer has it turned off and tells this class how many pages each commit appended;
/// once they pass the threshold, a PASSIVE checkpoint runs here on a connection of its own, which neither the writer
/// nor the readers wait for. Copying is not restarting, though: SQLite starts the WAL over from its beginning only
/// when a write transaction begins with every page already copied and no reader still in the old pages, and a
/// checkpoint that runs beside a busy writer (which appends while it copies) or beside readers of older snapshots
/// seldom leaves that moment. So once the WAL passes the size SQLite trims it back to, a RESTART checkpoint holds
/// the writer off while it copies the few pages the last passive one left and waits (at most 20 ms) for the
/// readers: the WAL cannot grow without end, and the writer waits briefly once per 64 MB instead of once per 4 MB.
/// Disposing runs a last checkpoint that empties the WAL.
/// </summary>
internal sealed partial class SqliteCheckpointer : IAsyncDisposable
{
    /// <summary>SQLite's own default for <c>wal_autocheckpoint</c>: about 4 MB of WAL with 4 KB pages.</summary>
    public const int DefaultThresholdPages = 1000;

    private readonly ILogger _logger;
    private readonly int _thresholdPages;
    private readonly long _restartAbovePages;
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _passive;
    private readonly SqliteCommand _restart;
    private readonly SqliteCommand _truncate;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly Task _loop;
    private long _pendingPages;
    private int _disposed;

    /// <param name="restartAbovePages">
    /// The WAL size from which a RESTART checkpoint is forced; by default the size SQLite trims the WAL file back to.
    /// </param>
    public SqliteCheckpointer(
        SqliteConnectionFactory connections, ILogger logger, int thresholdPages = DefaultThresholdPages, long? restartAbovePages = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(thresholdPages);
        _logger = logger;
        _thresholdPages = thresholdPages;
        _connection = connections.OpenCheckpointer();
        try
        {
            _restartAbovePages = restartAbovePages ?? Math.Max(4L * thresholdPages, SqliteConnectionFactory.WalSizeLimitBytes / PageSize(_connection));
            _passive = Command("PRAGMA wal_checkpoint(PASSIVE)");
            _restart = Command("PRAGMA wal_checkpoint(RESTART)");
            _truncate = Command("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        catch
        {
            _connection.Dispose();
            throw;
        }

        // A WAL left behind by a crash or written by the migrations is copied at start.
        _wake.Writer.TryWrite(true);
        _loop = DedicatedThread.Start("SQLite checkpointer", Run);
    }

    /// <summary>Told by the writer, on its thread, after each commit: counts and at most signals, never blocks.</summary>
    public void PagesAppended(int pages)
    {
        if (Interlocked.Add(ref _pendingPages, pages) >= _thresholdPages)
        {
            _wake.Writer.TryWrite(true);
        }
    }

    /// <summary>Stops the loop after the checkpoint it is running, then empties the WAL into the database file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _wake.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        try
        {
            var (busy, log, checkpointed) = Run(_truncate);
            if (busy)
            {
                LogFinalCheckpointBusy(_logger, checkpointed, log);
            }
        }
        catch (Exception error)
        {
            LogFailed(_logger, error);
        }

        foreach (var command in new[] { _passive, _restart, _truncate })
        {
            command.Dispose();
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private void Run()
    {
        while (_wake.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            _wake.Reader.TryRead(out _);
            Interlocked.Exchange(ref _pendingPages, 0);
            Checkpoint();
        }
    }

    private void Checkpoint()
    {
        // Whatever fails here (a full disk, an I/O error) is logged and tried again after the next pages: a
        // checkpoint that did not run loses nothing, the pages stay in the WAL.
        try
        {
            var (_, log, checkpointed) = Run(_passive);
            LogCheckpointed(_logger, "PASSIVE", checkpointed, log);
            if (log < _restartAbovePages)
            {
                return;
            }

            (var busy, log, checkpointed) = Run(_restart);
            if (busy)
            {
                LogRestartBusy(_logger, log, _restartAbovePages);
            }
            else
            {
                LogCheckpointed(_logger, "RESTART", checkpointed, log);
            }
        }
        catch (Exception error)
        {
            LogFailed(_logger, error);
        }
    }

    // The row of PRAGMA wal_checkpoint: 1 when the checkpoint could not finish (SQLITE_BUSY), the pages in the WAL,
    // and how many of them are now in the database file.
    private static (bool Busy, long Log, long Checkpointed) Run(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0) != 0, reader.GetInt64(1), reader.GetInt64(2)) : (false, 0, 0);
    }

    private static long PageSize(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_size";
        return (long)command.ExecuteScalar()!;
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Mode} checkpoint: {Checkpointed} of {Log} WAL pages are in the database file")]
    private static partial void LogCheckpointed(ILogger logger, string mode, long checkpointed, long log);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The WAL holds {Log} pages (restart bound {Bound}) and a RESTART checkpoint gave up waiting for the writer or for readers of older snapshots; it is tried again after the next pages")]
    private static partial void LogRestartBusy(ILogger logger, long log, long bound);

    [LoggerMessage(Level = LogLevel.Information, Message = "The last checkpoint found readers still open ({Checkpointed} of {Log} WAL pages copied); SQLite copies the rest when the last connection closes")]
    private static partial void LogFinalCheckpointBusy(ILogger logger, long checkpointed, long log);

    [LoggerMessage(Level = LogLevel.Error, Message = "A WAL checkpoint failed; the pages stay in the WAL and the checkpoint is tried again after the next commits")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
