using Scim.Api.Storage.Sqlite;

namespace Scim.Api.Tests.Support;

/// <summary>A SQLite store, initialized, on a file in a directory of its own; disposing it closes the store and deletes the file.</summary>
internal sealed class TemporarySqliteStore : IAsyncDisposable
{
    private readonly TemporaryDirectory _directory;

    private TemporarySqliteStore(TemporaryDirectory directory, SqliteResourceStore store)
    {
        _directory = directory;
        Store = store;
    }

    public SqliteResourceStore Store { get; }

    /// <param name="configure">Changes to the default options (their Path is set to the temporary file).</param>
    public static async Task<TemporarySqliteStore> OpenAsync(Func<SqliteStoreOptions, SqliteStoreOptions>? configure = null, TimeProvider? time = null)
    {
        var directory = new TemporaryDirectory();
        var options = new SqliteStoreOptions { Path = directory.File("scim.db") };
        var store = new SqliteResourceStore(configure?.Invoke(options) ?? options, time ?? TimeProvider.System);
        try
        {
            await store.InitializeAsync(TestContext.Current.CancellationToken);
            return new TemporarySqliteStore(directory, store);
        }
        catch
        {
            await store.DisposeAsync();
            directory.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        _directory.Dispose();
    }
}
