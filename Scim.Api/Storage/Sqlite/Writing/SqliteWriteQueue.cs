using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Scim.Api.Storage.Sqlite.Writing;

/// <summary>
/// The single writer. SQLite admits one writer at a time, and a durable commit costs an fsync, so writes are
/// queued and committed in groups: everything waiting when the writer gets to it runs in ONE transaction, each
/// write inside its own SAVEPOINT. A write that fails (a duplicate userName, a stale version) rolls back only
/// its savepoint and reports its own error; the others still commit. Callers learn their outcome only after
/// the COMMIT, so what they were told succeeded is on disk. The connection stays its owner's to dispose.
/// After each commit the writer reports how many pages it appended to the WAL, so that a checkpointer can copy
/// them into the database file elsewhere (<see cref="SqliteCheckpointer"/>).
/// </summary>
internal sealed class SqliteWriteQueue : IAsyncDisposable
{
    private const int MaxBatch = 512;
    private const int Capacity = 16_384;

    private readonly SqliteConnection _connection;
    private readonly Action<int>? _walPagesAppended;
    private readonly Channel<PendingWrite> _channel = Channel.CreateBounded<PendingWrite>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly Task _loop;
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly SqliteCommand _rollback;
    private readonly SqliteCommand _savepoint;
    private readonly SqliteCommand _release;
    private readonly SqliteCommand _rollbackToSavepoint;

    /// <param name="walPagesAppended">Called on the writer's thread after each commit; it must not block.</param>
    public SqliteWriteQueue(SqliteConnection connection, Action<int>? walPagesAppended = null)
    {
        _connection = connection;
        _walPagesAppended = walPagesAppended;
        _begin = Command("BEGIN IMMEDIATE");
        _commit = Command("COMMIT");
        _rollback = Command("ROLLBACK");
        _savepoint = Command("SAVEPOINT write");
        _release = Command("RELEASE write");
        _rollbackToSavepoint = Command("ROLLBACK TO write");
        _loop = DedicatedThread.Start("SQLite writer", Run);
    }

    /// <summary>True while the writer loop runs; false once it stopped (disposed or failed).</summary>
    public bool IsRunning => !_loop.IsCompleted;

    public async Task<T> EnqueueAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        var write = new PendingWrite<T>(work, cancellationToken);
        try
        {
            await _channel.Writer.WriteAsync(write, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            write.Dispose();
            throw new ObjectDisposedException(nameof(SqliteWriteQueue), "The SQLite store is closed.");
        }
        catch (OperationCanceledException)
        {
            write.Dispose();
            throw;
        }

        return await write.Task.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        foreach (var command in new[] { _begin, _commit, _rollback, _savepoint, _release, _rollbackToSavepoint })
        {
            command.Dispose();
        }
    }

    private void Run()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (_channel.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (batch.Count < MaxBatch && _channel.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            try
            {
                CommitBatch(batch);
            }
            catch (Exception error)
            {
                // The connection itself failed (a savepoint could not be rolled back): nothing of this batch
                // is known to be on disk. Completed writes ignore the failure; the loop carries on.
                if (InTransaction)
                {
                    TryExecute(_rollback, out _);
                }

                FailAll(batch, error);
            }

            batch.Clear();
        }
    }

    private void CommitBatch(List<PendingWrite> batch)
    {
        var succeeded = new List<PendingWrite>(batch.Count);
        var next = 0;
        while (next < batch.Count)
        {
            if (!TryExecute(_begin, out var beginError))
            {
                FailAll(batch.Skip(next), beginError);
                return;
            }

            next = RunWrites(batch, next, succeeded, out var transactionLost);
            if (transactionLost is not null)
            {
                // SQLite rolled the whole transaction back (disk full, I/O error): the writes that had
                // succeeded in it are gone too. Those not yet run get a fresh transaction.
                FailAll(succeeded, transactionLost);
                succeeded.Clear();
                continue;
            }

            if (!TryExecute(_commit, out var commitError))
            {
                if (InTransaction)
                {
                    TryExecute(_rollback, out _);
                }

                FailAll(succeeded, commitError);
                return;
            }

            foreach (var write in succeeded)
            {
                write.Complete();
            }

            _walPagesAppended?.Invoke(PagesWrittenSinceLastAsked());

            succeeded.Clear();
        }
    }

    // Runs the writes from 'start' in the open transaction; returns the index after the last one run.
    private int RunWrites(List<PendingWrite> batch, int start, List<PendingWrite> succeeded, out Exception? transactionLost)
    {
        transactionLost = null;
        for (var i = start; i < batch.Count; i++)
        {
            var write = batch[i];
            if (!write.TryStart())
            {
                // Its caller cancelled while it waited; it has been told so.
                continue;
            }

            var error = RunInSavepoint(write);
            if (error is null)
            {
                succeeded.Add(write);
                continue;
            }

            write.Fail(error);
            if (!InTransaction)
            {
                transactionLost = error;
                return i + 1;
            }
        }

        return batch.Count;
    }

    private Exception? RunInSavepoint(PendingWrite write)
    {
        if (!TryExecute(_savepoint, out var savepointError))
        {
            return savepointError;
        }

        try
        {
            write.Execute(_connection);
            _release.ExecuteNonQuery();
            return null;
        }
        catch (Exception error)
        {
            // Client errors (409, 412, 404) and infrastructure errors alike go back to their own caller.
            if (InTransaction)
            {
                _rollbackToSavepoint.ExecuteNonQuery();
                _release.ExecuteNonQuery();
            }

            return error;
        }
    }

    private bool InTransaction => raw.sqlite3_get_autocommit(_connection.Handle) == 0;

    // In WAL mode every page the connection writes is a frame appended to the WAL; the counter is kept in memory
    // by SQLite, so reading (and resetting) it costs no I/O.
    private int PagesWrittenSinceLastAsked()
    {
        raw.sqlite3_db_status(_connection.Handle, raw.SQLITE_DBSTATUS_CACHE_WRITE, out var pages, out _, 1);
        return pages;
    }

    private static void FailAll(IEnumerable<PendingWrite> writes, Exception error)
    {
        foreach (var write in writes)
        {
            write.Fail(error);
        }
    }

    private static bool TryExecute(SqliteCommand command, out Exception error)
    {
        try
        {
            command.ExecuteNonQuery();
            error = null!;
            return true;
        }
        catch (SqliteException sqliteError)
        {
            error = sqliteError;
            return false;
        }
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}
