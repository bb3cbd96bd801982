namespace Scim.Api.Storage.Mongo;

/// <summary>
/// Settings of the MongoDB store. Writes are acknowledged by a majority of the replica set (<c>w: majority</c>, so an
/// acknowledged write survives a fail-over) and reads go to the primary (a client reads its own writes, and the
/// re-read after a failed compare-and-swap sees the version that beat it); the driver's own retryable reads and
/// writes stay on (one retry each) and no Polly retry is stacked on writes.
/// </summary>
public sealed class MongoStoreOptions
{
    /// <summary>A MongoDB connection string; a replica set (or sharded cluster) gives atomic membership changes.</summary>
    public string ConnectionString { get; set; } = "";

    public string Database { get; set; } = "scim";

    /// <summary>
    /// Accept a standalone server, which has no transactions (development only): a resource and its memberships or
    /// audit record are then written one after the other. Without it the store refuses to start on one.
    /// </summary>
    public bool AllowStandalone { get; set; }

    /// <summary>
    /// The most membership rows a delete or a restore moves inside its transaction; beyond it (a very large group)
    /// the rows move in idempotent batches after it.
    /// </summary>
    public int MaxMembershipRowsPerTransaction { get; set; } = 10_000;

    /// <summary>Refuse to add members whose id is not a resource of the tenant (400 invalidValue).</summary>
    public bool RejectUnknownMembers { get; set; }

    /// <summary>
    /// The most one store call may take, transaction retries included; beyond it the call fails with 503. What is left
    /// of it goes to each query as <c>maxTimeMS</c>, so the server stops the query too.
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many times start-up retries reaching MongoDB (exponential back-off from <see cref="StartupRetryDelay"/>).</summary>
    public int StartupRetryAttempts { get; set; } = 8;

    public TimeSpan StartupRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The circuit opens when this share of calls find MongoDB unreachable (selection, connection, election) within the sampling window.</summary>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    public int CircuitBreakerMinimumThroughput { get; set; } = 10;

    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit refuses calls; it is the Retry-After of the 503.</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
