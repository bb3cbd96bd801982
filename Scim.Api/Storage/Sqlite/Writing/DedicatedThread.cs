namespace Scim.Api.Storage.Sqlite.Writing;

/// <summary>
/// Runs a loop that blocks (SQLite commits wait for fsync, checkpoints copy and fsync the whole WAL) on a thread of its
/// own. On the thread pool such a loop would hold a worker, one of the few that serve requests, for as long as the
/// disk takes.
/// </summary>
internal static class DedicatedThread
{
    /// <summary>Starts <paramref name="loop"/>; the task completes when it returns, or faults with what it threw.</summary>
    public static Task Start(string name, Action loop)
    {
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                loop();
                completion.SetResult();
            }
            catch (Exception error)
            {
                completion.SetException(error);
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return completion.Task;
    }
}
