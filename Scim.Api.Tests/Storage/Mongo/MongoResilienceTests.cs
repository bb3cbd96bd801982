using System.Net;
using MongoDB.Bson;
using MongoDB.Driver;
using MongoDB.Driver.Core.Clusters;
using MongoDB.Driver.Core.Connections;
using MongoDB.Driver.Core.Servers;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Scim.Api.Storage.Mongo;

namespace Scim.Api.Tests.Storage.Mongo;

/// <summary>Which failures the breaker counts and start-up retries: unavailability only.</summary>
public class MongoResilienceTests
{
    private static readonly ConnectionId Connection = new(new ServerId(new ClusterId(), new DnsEndPoint("localhost", 27017)));

    public static readonly TheoryData<string, Exception, bool> Failures = new()
    {
        { "server selection timed out", new TimeoutException("A timeout occurred after 100ms selecting a server."), true },
        { "connection refused", new MongoConnectionException(Connection, "refused"), true },
        { "connection pool paused", new MongoConnectionPoolPausedException("paused"), true },
        { "primary stepped down", new MongoNotPrimaryException(Connection, new BsonDocument(), new BsonDocument("code", 10107)), true },
        { "node recovering", new MongoNodeIsRecoveringException(Connection, new BsonDocument(), new BsonDocument("code", 91)), true },
        { "query past its maxTimeMS", new MongoExecutionTimeoutException(Connection, "operation exceeded time limit"), false },
        { "the call's own timeout", new TimeoutRejectedException("timeout"), false },
        { "request cancelled", new OperationCanceledException(), false },
        { "bad credentials", new MongoAuthenticationException(Connection, "auth failed"), false },
        { "index options conflict", new MongoCommandException(Connection, "conflict", new BsonDocument(), new BsonDocument("code", 85)), false },
        { "standalone refused", new InvalidOperationException("standalone"), false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void IsUnavailability_CountsOnlyWhatSaysMongoDbCannotBeReached(string what, Exception failure, bool expected)
    {
        Assert.True(expected == MongoResilience.IsUnavailability(failure), what);
    }

    [Fact]
    public async Task StorePipeline_QueriesStoppedByTheirTimeLimit_NeverOpenTheCircuitForOtherTenants()
    {
        var pipeline = MongoResilience.Store(Options(), TimeProvider.System, null);

        for (var i = 0; i < 20; i++)
        {
            await Assert.ThrowsAsync<MongoExecutionTimeoutException>(async () => await pipeline.ExecuteAsync(
                _ => throw new MongoExecutionTimeoutException(Connection, "operation exceeded time limit"), TestContext.Current.CancellationToken));
        }

        Assert.Equal("ok", await pipeline.ExecuteAsync(_ => ValueTask.FromResult("ok"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task StorePipeline_RepeatedUnavailability_OpensTheCircuit()
    {
        var pipeline = MongoResilience.Store(Options(), TimeProvider.System, null);

        for (var i = 0; i < 2; i++)
        {
            await Assert.ThrowsAsync<TimeoutException>(async () => await pipeline.ExecuteAsync(
                _ => throw new TimeoutException("selecting a server"), TestContext.Current.CancellationToken));
        }

        await Assert.ThrowsAsync<BrokenCircuitException>(async () => await pipeline.ExecuteAsync(_ => ValueTask.FromResult("ok"), TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task StartupPipeline_RetriesOnlyUnavailability(string what, Exception failure, bool retried)
    {
        var options = Options();
        options.StartupRetryAttempts = 2;
        options.StartupRetryDelay = TimeSpan.FromMilliseconds(1);
        var pipeline = MongoResilience.Startup(options, TimeProvider.System, null);
        var attempts = 0;

        await Assert.ThrowsAnyAsync<Exception>(async () => await pipeline.ExecuteAsync(_ =>
        {
            attempts++;
            throw failure;
        }, TestContext.Current.CancellationToken));

        Assert.True((retried ? 3 : 1) == attempts, $"{what}: {attempts} attempts");
    }

    private static MongoStoreOptions Options() => new()
    {
        CircuitBreakerMinimumThroughput = 2,
        CircuitBreakerFailureRatio = 0.5,
        CircuitBreakerBreakDuration = TimeSpan.FromSeconds(30),
        OperationTimeout = TimeSpan.FromSeconds(10),
    };
}
