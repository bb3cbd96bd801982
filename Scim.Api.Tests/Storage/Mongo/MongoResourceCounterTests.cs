using MongoDB.Bson;
using MongoDB.Driver;
using Scim.Api.Core.Schema;
using Scim.Api.Storage.Mongo;

namespace Scim.Api.Tests.Storage.Mongo;

public sealed class MongoResourceCounterTests(MongoServerFixture server)
{
    [Fact]
    public void Pipeline_GroupsResourcesByTheTenantAndTypeOfTheirKey_WalkingTheScopeIndex()
    {
        var rendered = new BsonArray(MongoResourceCounter.Pipeline()).ToJson();

        Assert.Equal("""[{ "$sort" : { "_id.t" : 1, "_id.rt" : 1 } }, { "$group" : { "_id" : { "t" : "$_id.t", "rt" : "$_id.rt" }, "n" : { "$sum" : 1 } } }]""", rendered);
    }

    [Fact]
    public void ToCount_ReadsTenantTypeAndCount_OfIntAndLongSums()
    {
        var small = BsonDocument.Parse("""{ "_id": { "t": "acme", "rt": "User" }, "n": 3 }""");
        var large = BsonDocument.Parse("""{ "_id": { "t": "acme", "rt": "Group" }, "n": { "$numberLong": "5000000000" } }""");

        Assert.Equal(new Scim.Api.Storage.ResourceCount("acme", "User", 3), MongoResourceCounter.ToCount(small));
        Assert.Equal(new Scim.Api.Storage.ResourceCount("acme", "Group", 5_000_000_000), MongoResourceCounter.ToCount(large));
    }

    [Fact]
    public async Task CountResources_GivesTheNumberOfEachTypeInEachTenant()
    {
        var client = await server.GetClientAsync();
        var database = $"scim_test_{Guid.NewGuid():N}";
        try
        {
            var store = new MongoResourceStore(client, SchemaRegistry.CreateDefault(), new MongoStoreOptions { Database = database }, TimeProvider.System);
            await store.InitializeAsync(TestContext.Current.CancellationToken);
            await Storage.ResourceCounts.WriteAsync(store);

            var counts = await store.CountResourcesAsync(TestContext.Current.CancellationToken);

            Assert.Equal(Storage.ResourceCounts.Expected, Storage.ResourceCounts.Ordered(counts));
        }
        finally
        {
            await client.DropDatabaseAsync(database, CancellationToken.None);
        }
    }
}
