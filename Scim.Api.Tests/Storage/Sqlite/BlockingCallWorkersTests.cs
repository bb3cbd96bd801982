using Scim.Api.Storage.Sqlite;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Storage.Sqlite;

public sealed class BlockingCallWorkersTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task OpeningTheStore_LetsTheThreadPoolStartSixteenWorkersPerCoreWithoutWaiting()
    {
        // As the pool starts in a fresh process: one worker per core.
        ThreadPool.GetMinThreads(out _, out var completionPorts);
        ThreadPool.SetMinThreads(Environment.ProcessorCount, completionPorts);

        await using var store = new SqliteResourceStore(new SqliteStoreOptions { Path = _directory.File("scim.db") }, TimeProvider.System);

        ThreadPool.GetMinThreads(out var workers, out _);
        Assert.True(workers >= 16 * Environment.ProcessorCount, $"minimum workers: {workers}");
    }
}
