using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Driver;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// The store's two Polly pipelines; their telemetry goes to the "Polly" meter and the logger factory given.
/// <list type="bullet">
/// <item><c>scim-mongo-startup</c>: retries reaching MongoDB with exponential back-off and jitter while it starts
/// (index creation is idempotent, so retrying it is safe); only unavailability is retried: a permanent error (an
/// index that conflicts with an existing one, a refused standalone server, bad credentials) fails start-up at once.</item>
/// <item><c>scim-mongo-store</c>: a circuit breaker around a timeout, for every store call. No retry: the driver already
/// retries a read or a write once, and retrying a non-idempotent insert again could turn a lost acknowledgement
/// into a false 409. The breaker counts only unavailability (no server to select, a broken connection, an election
/// under way): a query that runs past its time limit is one tenant's slow filter, and opening the circuit for it
/// would refuse every tenant.</item>
/// </list>
/// </summary>
internal static class MongoResilience
{
    public const string StartupPipelineName = "scim-mongo-startup";
    public const string StorePipelineName = "scim-mongo-store";

    public static ResiliencePipeline Startup(MongoStoreOptions options, TimeProvider timeProvider, ILoggerFactory? loggerFactory) =>
        new ResiliencePipelineBuilder { Name = StartupPipelineName, TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(options.StartupRetryAttempts, 1),
                Delay = options.StartupRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                MaxDelay = TimeSpan.FromSeconds(30),
                ShouldHandle = new PredicateBuilder().Handle<Exception>(static exception => IsUnavailability(exception)),
            })
            .ConfigureTelemetry(loggerFactory ?? NullLoggerFactory.Instance)
            .Build();

    public static ResiliencePipeline Store(MongoStoreOptions options, TimeProvider timeProvider, ILoggerFactory? loggerFactory) =>
        new ResiliencePipelineBuilder { Name = StorePipelineName, TimeProvider = timeProvider }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.CircuitBreakerFailureRatio,
                MinimumThroughput = options.CircuitBreakerMinimumThroughput,
                SamplingDuration = options.CircuitBreakerSamplingDuration,
                BreakDuration = options.CircuitBreakerBreakDuration,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(static exception => IsUnavailability(exception)),
            })
            .AddTimeout(options.OperationTimeout)
            .ConfigureTelemetry(loggerFactory ?? NullLoggerFactory.Instance)
            .Build();

    /// <summary>
    /// Failures that say MongoDB cannot be reached now: server selection timed out (the driver's
    /// <see cref="TimeoutException"/>, not Polly's <see cref="TimeoutRejectedException"/>), a connection failed or its
    /// pool is paused after failures, or the primary is stepping down or recovering. Not: a query stopped by its
    /// <c>maxTimeMS</c>, a request's own timeout or cancellation, a command error.
    /// </summary>
    public static bool IsUnavailability(Exception exception) => exception is not MongoAuthenticationException and (
        MongoConnectionException
        or MongoConnectionPoolPausedException
        or MongoNotPrimaryException
        or MongoNodeIsRecoveringException
        or TimeoutException);
}
