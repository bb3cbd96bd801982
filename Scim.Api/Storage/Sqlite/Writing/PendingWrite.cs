using Microsoft.Data.Sqlite;

namespace Scim.Api.Storage.Sqlite.Writing;

/// <summary>
/// One caller's write waiting in the queue. The caller awaits <see cref="Task"/>; the writer runs it inside its
/// own savepoint and completes it only after the batch's transaction committed, so an acknowledged write is durable.
/// A caller that cancels before its write starts gets a cancelled task and the write never runs.
/// </summary>
internal abstract class PendingWrite
{
    private const int Waiting = 0;
    private const int Started = 1;
    private const int Cancelled = 2;

    private int _state;

    /// <summary>Claims the write for execution; false when the caller cancelled it first.</summary>
    public bool TryStart() => Interlocked.CompareExchange(ref _state, Started, Waiting) == Waiting;

    protected bool TryCancel() => Interlocked.CompareExchange(ref _state, Cancelled, Waiting) == Waiting;

    public abstract void Execute(SqliteConnection connection);

    /// <summary>Hands the result to the caller once the transaction holding the write has committed.</summary>
    public abstract void Complete();

    public abstract void Fail(Exception exception);
}

internal sealed class PendingWrite<T> : PendingWrite, IDisposable
{
    private readonly Func<SqliteConnection, T> _work;
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration _registration;
    private T? _result;

    public PendingWrite(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        _work = work;
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.Register(() =>
            {
                if (TryCancel())
                {
                    _completion.TrySetCanceled(cancellationToken);
                }
            });
        }
    }

    public Task<T> Task => _completion.Task;

    public override void Execute(SqliteConnection connection) => _result = _work(connection);

    public override void Complete()
    {
        _completion.TrySetResult(_result!);
        Dispose();
    }

    public override void Fail(Exception exception)
    {
        _completion.TrySetException(exception);
        Dispose();
    }

    public void Dispose() => _registration.Dispose();
}
