using Scim.Api.Core.Storage;
using Scim.Api.Storage.Sqlite;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Storage.Sqlite;

/// <summary>The store contract on a SQLite file of its own per test, deleted afterwards.</summary>
public sealed class SqliteResourceStoreContractTests : ResourceStoreContractTests
{
    private readonly TemporaryDirectory _directory = new();
    private readonly List<SqliteResourceStore> _stores = [];

    protected override Task<IResourceStore> CreateStoreAsync() => OpenAsync(new SqliteStoreOptions { Path = _directory.File("scim.db") });

    protected override Task<IResourceStore> CreateStoreRejectingUnknownMembersAsync() =>
        OpenAsync(new SqliteStoreOptions { Path = _directory.File("strict.db"), RejectUnknownMembers = true });

    protected override async Task<IResourceStore> ReopenAsync(IResourceStore store)
    {
        var sqlite = (SqliteResourceStore)store;
        await sqlite.DisposeAsync();
        return await OpenAsync(new SqliteStoreOptions { Path = sqlite.DatabasePath });
    }

    // A second process on the same file: SQLite's locks serialize the two writers.
    protected override async Task<IResourceStore?> OpenReplicaAsync() => await OpenAsync(new SqliteStoreOptions { Path = _directory.File("scim.db") });

    public override async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        _directory.Dispose();
        await base.DisposeAsync();
    }

    private async Task<IResourceStore> OpenAsync(SqliteStoreOptions options)
    {
        var store = new SqliteResourceStore(options, TimeProvider.System);
        _stores.Add(store);
        await store.InitializeAsync(TestContext.Current.CancellationToken);
        return store;
    }
}
