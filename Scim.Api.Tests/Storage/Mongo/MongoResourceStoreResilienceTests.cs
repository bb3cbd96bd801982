using MongoDB.Driver;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;
using Scim.Api.Storage;
using Scim.Api.Storage.Mongo;

namespace Scim.Api.Tests.Storage.Mongo;

/// <summary>
/// The store's Polly pipelines against a MongoDB that is not there (a closed port on the loopback interface), so these
/// run without a server: calls fail fast, the circuit opens, and an open circuit is a 503-ready exception.
/// </summary>
public class MongoResourceStoreResilienceTests
{
    private static ResourceKey Key => new("t1", BuiltInSchemas.UserResourceType, "u1");

    [Fact]
    public async Task Get_AfterRepeatedUnavailability_OpensTheCircuitAndThrowsStoreUnavailableWithRetryAfter()
    {
        var options = Options();
        options.CircuitBreakerMinimumThroughput = 2;
        options.CircuitBreakerBreakDuration = TimeSpan.FromSeconds(30);
        var store = CreateStore(options, serverSelectionMilliseconds: 100);

        await Assert.ThrowsAsync<TimeoutException>(() => store.GetAsync(Key, ReadOptions.Everything, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<TimeoutException>(() => store.GetAsync(Key, ReadOptions.Everything, TestContext.Current.CancellationToken));
        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.GetAsync(Key, ReadOptions.Everything, TestContext.Current.CancellationToken));

        Assert.InRange(error.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Query_LongerThanTheOperationTimeout_ThrowsStoreUnavailable()
    {
        var options = Options();
        options.OperationTimeout = TimeSpan.FromMilliseconds(150);
        var store = CreateStore(options, serverSelectionMilliseconds: 30_000);
        var query = new ResourceQuery("t1", BuiltInSchemas.UserResourceType, null, null, new(1, 10), ReadOptions.DocumentOnly);

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.QueryAsync(query, TestContext.Current.CancellationToken));

        Assert.True(error.RetryAfter > TimeSpan.Zero);
    }

    [Fact]
    public async Task IsHealthy_WithoutAServer_IsFalse()
    {
        var options = Options();
        options.OperationTimeout = TimeSpan.FromMilliseconds(300);

        Assert.False(await CreateStore(options, serverSelectionMilliseconds: 100).IsHealthyAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Initialize_WhenMongoDbNeverAnswers_GivesUpAfterTheStartupRetries()
    {
        var options = Options();
        options.StartupRetryAttempts = 2;
        options.StartupRetryDelay = TimeSpan.FromMilliseconds(10);

        await Assert.ThrowsAsync<TimeoutException>(() => CreateStore(options, serverSelectionMilliseconds: 100).InitializeAsync(TestContext.Current.CancellationToken));
    }

    private static MongoStoreOptions Options() => new() { Database = "scim_resilience", OperationTimeout = TimeSpan.FromSeconds(10) };

    // Port 1 on the loopback interface: nothing listens there, so every connection is refused at once.
    private static MongoResourceStore CreateStore(MongoStoreOptions options, int serverSelectionMilliseconds)
    {
        var client = new MongoClient($"mongodb://127.0.0.1:1/?serverSelectionTimeoutMS={serverSelectionMilliseconds}&connectTimeoutMS=200");
        return new MongoResourceStore(client, SchemaRegistry.CreateDefault(), options, TimeProvider.System);
    }
}
