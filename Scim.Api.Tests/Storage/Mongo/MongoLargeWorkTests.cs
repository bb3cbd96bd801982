using MongoDB.Bson;
using MongoDB.Driver;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Paging;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;
using Scim.Api.Storage.Mongo;

namespace Scim.Api.Tests.Storage.Mongo;

/// <summary>
/// Where a MongoDB is available: the work that must not meet a size wall. A group larger than one transaction's
/// share of rows (here lowered to 5) is deleted, restored and purged in batches; a 999-term filter runs; every
/// replica's purger may run at once.
/// </summary>
public sealed class MongoLargeWorkTests(MongoServerFixture server) : IAsyncLifetime
{
    private const int Members = 23;
    private readonly string _database = $"scim_test_{Guid.NewGuid():N}";
    private IMongoClient? _client;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DropDatabaseAsync(_database, CancellationToken.None);
        }
    }

    [Fact]
    public async Task DeleteRestoreAndPurge_OfAGroupLargerThanOneTransaction_MoveItsRowsInBatches()
    {
        var store = await OpenAsync();
        await CreateGroupWithMembersAsync(store);

        await store.DeleteAsync(new ResourceDeletion(Group, null, T0), Ct);
        Assert.Null(await store.GetAsync(Group, ReadOptions.Everything, Ct));
        Assert.Equal(0, await Rows(MongoFields.MembershipsCollection).CountDocumentsAsync(new BsonDocument("g", "g1"), cancellationToken: Ct));
        Assert.Equal(Members, await Rows(MongoFields.TombstoneMembershipsCollection).CountDocumentsAsync(new BsonDocument("o", "g1"), cancellationToken: Ct));

        var restored = await store.RestoreAsync(new ResourceRestore(Group, T0.AddMinutes(1), T0.AddDays(-1)), Ct);
        var read = await store.GetAsync(Group, ReadOptions.Everything, Ct);
        Assert.Equal(2, restored.Version);
        Assert.Equal(Members, ((System.Text.Json.Nodes.JsonArray)read!.Document["members"]!).Count);

        await store.DeleteAsync(new ResourceDeletion(Group, null, T0.AddMinutes(2)), Ct);
        var purged = await store.PurgeAsync(new PurgeRequest(T0.AddDays(1), DateTimeOffset.MinValue, true), Ct);
        Assert.Equal(1, purged.Tombstones);
        Assert.Equal(0, await Rows(MongoFields.TombstoneMembershipsCollection).CountDocumentsAsync(new BsonDocument("g", "g1"), cancellationToken: Ct));
    }

    [Fact]
    public async Task Purge_RunByEveryReplicaAtOnce_PurgesEachTombstoneOnce()
    {
        var store = await OpenAsync();
        for (var i = 0; i < 30; i++)
        {
            var key = new ResourceKey("t", BuiltInSchemas.UserResourceType, $"u{i}");
            await store.CreateAsync(new ResourceWrite(key, new() { ["userName"] = $"user{i}" }, T0, []), Ct);
            await store.DeleteAsync(new ResourceDeletion(key, null, T0), Ct);
        }

        var replicas = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            store.PurgeAsync(new PurgeRequest(T0.AddDays(1), DateTimeOffset.MinValue, true, BatchSize: 100), Ct), Ct)));

        Assert.Equal(30, replicas.Sum(result => result.Tombstones));
        Assert.Equal(0, await Rows(MongoFields.TombstonesCollection).CountDocumentsAsync(new BsonDocument(), cancellationToken: Ct));
    }

    [Fact]
    public async Task Query_WithA999TermOr_RunsOnMongoDb()
    {
        var store = await OpenAsync();
        await CreateGroupWithMembersAsync(store);
        var filter = FilterParser.Parse(string.Join(" or ", Enumerable.Range(0, 999).Select(i => i % 3 == 0 ? $"userName eq \"user{i}\"" : $"displayName co \"x{i}\"")));

        var result = await store.QueryAsync(new ResourceQuery("t", BuiltInSchemas.UserResourceType, filter, null, new PageRequest(1, 100), ReadOptions.DocumentOnly), Ct);

        Assert.Equal(Enumerable.Range(0, Members).Count(i => i % 3 == 0), result.TotalResults);
    }

    [Fact]
    public async Task Initialize_ByReplicasStartingTogether_Succeeds()
    {
        _client = await server.GetClientAsync();
        var options = new MongoStoreOptions { Database = _database, OperationTimeout = TimeSpan.FromSeconds(60) };

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            new MongoResourceStore(_client, SchemaRegistry.CreateDefault(), options, TimeProvider.System).InitializeAsync(Ct)));

        var names = await (await _client.GetDatabase(_database).GetCollection<BsonDocument>(MongoFields.ResourcesCollection).Indexes.ListAsync(Ct)).ToListAsync(Ct);
        Assert.Contains(names, index => index["name"] == "lastModified_desc");
    }

    private static ResourceKey Group => new("t", BuiltInSchemas.GroupResourceType, "g1");

    private async Task CreateGroupWithMembersAsync(MongoResourceStore store)
    {
        var members = new List<MemberReference>();
        for (var i = 0; i < Members; i++)
        {
            await store.CreateAsync(new ResourceWrite(new ResourceKey("t", BuiltInSchemas.UserResourceType, $"u{i}"), new() { ["userName"] = $"user{i}" }, T0, []), Ct);
            members.Add(new MemberReference($"u{i}", null, null));
        }

        await store.CreateAsync(new ResourceWrite(Group, new() { ["displayName"] = "Everyone" }, T0, members), Ct);
    }

    private IMongoCollection<BsonDocument> Rows(string collection) => _client!.GetDatabase(_database).GetCollection<BsonDocument>(collection);

    private async Task<MongoResourceStore> OpenAsync()
    {
        _client = await server.GetClientAsync();
        var store = new MongoResourceStore(
            _client,
            SchemaRegistry.CreateDefault(),
            new MongoStoreOptions { Database = _database, OperationTimeout = TimeSpan.FromSeconds(60), MaxMembershipRowsPerTransaction = 5 },
            TimeProvider.System);
        await store.InitializeAsync(Ct);
        return store;
    }
}
