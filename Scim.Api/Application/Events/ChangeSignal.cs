using System.Collections.Concurrent;

namespace Scim.Api.Application.Events;

/// <summary>
/// Tells this replica's webhook delivery that a tenant has a new change event, so that it reads the event at once
/// instead of at its next poll. Only changes written by this process are signalled; changes written by other
/// replicas are found by polling (<c>Scim:Events:Delivery:PollInterval</c>). Raising costs a dictionary lookup when
/// nobody listens.
/// <para>
/// A reader takes <see cref="Next"/> before it reads and waits on it after: a change raised while it reads completes
/// that task, so no change is missed between the read and the wait.
/// </para>
/// </summary>
public sealed class ChangeSignal
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _next = new(StringComparer.Ordinal);

    /// <summary>A task that completes at the tenant's next signalled change.</summary>
    public Task Next(string tenant) =>
        _next.GetOrAdd(tenant, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Raise(string tenant)
    {
        if (!_next.IsEmpty && _next.TryRemove(tenant, out var next))
        {
            next.TrySetResult();
        }
    }

    /// <summary>Waits for <paramref name="next"/> (from <see cref="Next"/>) or <paramref name="timeout"/>, whichever is first.</summary>
    public static async Task WaitAsync(Task next, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(time);
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(next, Task.Delay(timeout, time, timer.Token)).ConfigureAwait(false);
        await timer.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
