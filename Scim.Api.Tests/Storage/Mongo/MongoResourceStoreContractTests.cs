using MongoDB.Driver;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;
using Scim.Api.Storage.Mongo;

namespace Scim.Api.Tests.Storage.Mongo;

/// <summary>The store contract on the shared MongoDB replica set, in a database of its own per test, dropped afterwards.</summary>
public sealed class MongoResourceStoreContractTests(MongoServerFixture server) : ResourceStoreContractTests
{
    private readonly List<string> _databases = [];
    private IMongoClient? _client;

    protected override Task<IResourceStore> CreateStoreAsync() => OpenAsync(NewDatabaseName(), rejectUnknownMembers: false);

    protected override Task<IResourceStore> CreateStoreRejectingUnknownMembersAsync() => OpenAsync(NewDatabaseName(), rejectUnknownMembers: true);

    protected override Task<IResourceStore> ReopenAsync(IResourceStore store) =>
        OpenAsync(((MongoResourceStore)store).DatabaseName, rejectUnknownMembers: false);

    // A second replica: another store instance over the same database.
    protected override async Task<IResourceStore?> OpenReplicaAsync() =>
        await OpenAsync(((MongoResourceStore)Store).DatabaseName, rejectUnknownMembers: false);

    public override async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            foreach (var database in _databases)
            {
                await _client.DropDatabaseAsync(database, CancellationToken.None);
            }
        }

        await base.DisposeAsync();
    }

    private string NewDatabaseName()
    {
        var name = $"scim_test_{Guid.NewGuid():N}";
        _databases.Add(name);
        return name;
    }

    private async Task<IResourceStore> OpenAsync(string database, bool rejectUnknownMembers)
    {
        _client = await server.GetClientAsync();
        var options = new MongoStoreOptions { Database = database, RejectUnknownMembers = rejectUnknownMembers, OperationTimeout = TimeSpan.FromSeconds(60) };
        var store = new MongoResourceStore(_client, SchemaRegistry.CreateDefault(), options, TimeProvider.System);
        await store.InitializeAsync(TestContext.Current.CancellationToken);
        return store;
    }
}
