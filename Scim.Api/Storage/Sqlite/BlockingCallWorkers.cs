namespace Scim.Api.Storage.Sqlite;

/// <summary>
/// Microsoft.Data.Sqlite has no asynchronous I/O: every read runs synchronously on the thread-pool worker that serves
/// the request, and blocks it whenever SQLite waits (a page read, a reader waiting out a WAL restart). The pool starts
/// with one worker per core and adds more only after it notices the queue stalling, which takes hundreds of
/// milliseconds; with two cores, two blocked readers stall every request until then. Raising the pool's minimum
/// lets it add workers at once instead.
/// </summary>
internal static class BlockingCallWorkers
{
    private const int WorkersPerCore = 16;

    public static void Ensure()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        var wanted = WorkersPerCore * Environment.ProcessorCount;
        if (workers < wanted)
        {
            ThreadPool.SetMinThreads(wanted, completionPorts);
        }
    }
}
