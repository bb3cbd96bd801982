using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Bson;
using MongoDB.Driver;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Scim.Api.Core.Activity;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Events;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;
using Scim.Api.Storage.Mongo.Activity;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// The MongoDB implementation of <see cref="IResourceStore"/>: a facade that runs each call in the
/// <c>scim-mongo-store</c> pipeline (<see cref="MongoResilience"/>) with a time budget of its own, and hands it to
/// the part that does it. The parts follow the SQLite store's seams: querying (<see cref="MongoQueryRunner"/>,
/// <see cref="MongoQueryPlan"/> and the filter and sort translators), reading (<see cref="MongoResourceReader"/>,
/// <see cref="MongoRelationships"/>, <see cref="MongoListings"/>) and writing (<see cref="MongoResourceWriter"/>,
/// <see cref="MongoTombstoneWriter"/>, <see cref="MongoPurger"/>), with one owner of sessions and transactions
/// (<see cref="MongoTransactions"/>, <see cref="MongoSession"/>).
/// <para>
/// Layout: one <c>resources</c> collection for every resource type, the type being part of the key
/// <c>_id: { t, rt, id }</c>: point reads and the compare-and-swap go through the built-in unique <c>_id</c> index,
/// <c>_id</c> is immutable so an update can never move a resource to another tenant, and the registry can declare types
/// at run time without new collections or indexes. Memberships are rows of their own collection
/// (<see cref="MongoMemberships"/>); the fields are in <see cref="MongoFields"/>, the indexes in
/// <see cref="MongoIndexes"/>, and docs/mongodb.md explains them, the tunables and sharding.
/// </para>
/// <para>
/// Uniqueness: a shadow field holds the value folded by <see cref="MongoCaseFolding"/>, under a unique index. A
/// case-insensitive collation index was not used: its notion of "equal ignoring case" is ICU's, which differs from the
/// folding of the SQLite store, and a collation index serves only queries that name the same collation.
/// </para>
/// </summary>
public sealed class MongoResourceStore
    : IResourceStore, IAuditTrail, IStoreRetention, IStoreLifecycle, IResourceCounter, IChangeEventLog, ISubscriptionStore, IRequestLog, IKeyRingStore
{
    private readonly SchemaRegistry _schemas;
    private readonly MongoStoreOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly MongoCollections _collections;
    private readonly MongoRequestLog _requestLog;
    private readonly MongoTransactions _transactions;
    private readonly ResiliencePipeline _startup;
    private readonly ResiliencePipeline _pipeline;
    private readonly MongoQueryRunner _queries;
    private readonly MongoResourceReader _reader;
    private readonly MongoListings _listings;
    private readonly MongoResourceWriter _writer;
    private readonly MongoTombstoneWriter _tombstones;
    private readonly MongoPurger _purger;
    private readonly MongoEventReader _events;
    private readonly MongoSubscriptions _subscriptions;

    /// <summary>
    /// Creates the store over the process's single <paramref name="client"/> (see <see cref="MongoClientFactory"/>).
    /// The schema registry gives the unique attributes that get indexes and the types that hold members.
    /// </summary>
    public MongoResourceStore(
        IMongoClient client,
        SchemaRegistry schemas,
        MongoStoreOptions options,
        TimeProvider timeProvider,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(schemas);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        loggerFactory ??= NullLoggerFactory.Instance;
        _schemas = schemas;
        _options = options;
        _timeProvider = timeProvider;
        _collections = new MongoCollections(client, options.Database);
        _transactions = new MongoTransactions(client, options, timeProvider, loggerFactory.CreateLogger<MongoResourceStore>());
        _startup = MongoResilience.Startup(options, timeProvider, loggerFactory);
        _pipeline = MongoResilience.Store(options, timeProvider, loggerFactory);

        var types = new MongoTypes(schemas);
        var relationships = new MongoRelationships(_collections, types);
        var memberships = new MongoMembershipWriter(_collections, types, options.RejectUnknownMembers);
        var audit = new MongoAuditWriter(_collections);
        var events = new MongoEventWriter(_collections);
        var duplicateKeys = new MongoDuplicateKeys(_collections);
        _queries = new MongoQueryRunner(_collections, relationships, types);
        _reader = new MongoResourceReader(_collections, relationships);
        _listings = new MongoListings(_collections);
        _writer = new MongoResourceWriter(_collections, _transactions, memberships, audit, events, duplicateKeys);
        _tombstones = new MongoTombstoneWriter(
            _collections, _transactions, memberships, _writer, audit, events, duplicateKeys, types, Math.Max(options.MaxMembershipRowsPerTransaction, 1));
        _purger = new MongoPurger(_collections, _tombstones, _transactions, events);
        _events = new MongoEventReader(_collections);
        _subscriptions = new MongoSubscriptions(_collections);
        _requestLog = new MongoRequestLog(_collections);
    }

    /// <summary>The database the store uses.</summary>
    public string DatabaseName => _options.Database;

    /// <summary>
    /// Waits for MongoDB (retrying unavailability with back-off), refuses a standalone server unless allowed, drops the
    /// indexes of earlier versions and creates the indexes. Safe when several replicas start together: creating an
    /// existing index is a no-op, and concurrent builds of one index wait for each other.
    /// </summary>
    public Task InitializeAsync(CancellationToken cancellationToken) =>
        _startup.ExecuteAsync(
            static async (store, token) =>
            {
                await store._transactions.EnsureDeploymentAsync(token).ConfigureAwait(false);
                await MongoIndexes.EnsureAsync(store._collections, store._schemas.ResourceTypes, token).ConfigureAwait(false);
            },
            this,
            cancellationToken).AsTask();

    /// <summary>Pings the primary within the operation timeout; false when MongoDB does not answer.</summary>
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.OperationTimeout);
        try
        {
            await _collections.Database.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), ReadPreference.Primary, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is MongoException or TimeoutException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    public Task<IReadOnlyList<ResourceCount>> CountResourcesAsync(CancellationToken cancellationToken) =>
        MongoResourceCounter.CountAsync(_collections.Resources, _options.OperationTimeout, cancellationToken);

    public Task<StoredResource> CreateAsync(ResourceWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        return RunAsync((deadline, token) => _writer.CreateAsync(write, deadline, token), cancellationToken);
    }

    public Task<StoredResource?> GetAsync(ResourceKey key, ReadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(options);
        return RunAsync((deadline, token) => _reader.GetAsync(key, options, MongoTransactions.Reads(deadline), token), cancellationToken);
    }

    public Task<StoredResource> UpdateAsync(ResourceUpdate update, long? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        UpdateConditions.EnsureDocumentIsVersioned(update, expectedVersion);
        return RunAsync((deadline, token) => _writer.UpdateAsync(update, expectedVersion, deadline, token), cancellationToken);
    }

    public Task DeleteAsync(ResourceKey key, long? expectedVersion, CancellationToken cancellationToken) =>
        DeleteAsync(new ResourceDeletion(key, expectedVersion, _timeProvider.GetUtcNow()), cancellationToken);

    public Task DeleteAsync(ResourceDeletion deletion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deletion);
        return RunAsync(
            async (deadline, token) =>
            {
                await _tombstones.DeleteAsync(deletion, deadline, token).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    public Task<StoredResource> RestoreAsync(ResourceRestore restore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(restore);
        return RunAsync((deadline, token) => _tombstones.RestoreAsync(restore, deadline, token), cancellationToken);
    }

    public Task<TombstonePage> ListDeletedAsync(DeletedQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return RunAsync((deadline, token) => _listings.ListDeletedAsync(query, MongoTransactions.Reads(deadline), token), cancellationToken);
    }

    public Task<AuditPage> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return RunAsync((deadline, token) => _listings.QueryAuditAsync(query, MongoTransactions.Reads(deadline), token), cancellationToken);
    }

    public Task<PurgeResult> PurgeAsync(PurgeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.BatchSize, "request.BatchSize");
        return RunAsync((deadline, token) => _purger.PurgeAsync(request, _timeProvider.GetUtcNow(), deadline, token), cancellationToken);
    }

    public Task<QueryResult> QueryAsync(ResourceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return RunAsync((deadline, token) => _queries.RunAsync(query, MongoTransactions.Reads(deadline), token), cancellationToken);
    }

    public Task<ChangeEventPage> ReadEventsAsync(ChangeEventQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return RunAsync((deadline, token) => _events.ReadAsync(query, MongoTransactions.Reads(deadline), token), cancellationToken);
    }

    public Task<StoredSubscription> CreateSubscriptionAsync(Subscription subscription, long cursor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return RunAsync((deadline, token) => _subscriptions.CreateAsync(subscription, cursor, now, MongoTransactions.Reads(deadline), token), cancellationToken);
    }

    public Task UpsertConfiguredSubscriptionAsync(Subscription subscription, long cursor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return RunAsync(
            async (deadline, token) =>
            {
                await _subscriptions.UpsertConfiguredAsync(subscription, cursor, now, MongoTransactions.Reads(deadline), token).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    public Task<StoredSubscription?> GetSubscriptionAsync(string tenant, string id, CancellationToken cancellationToken) =>
        RunAsync((deadline, token) => _subscriptions.GetAsync(tenant, id, MongoTransactions.Reads(deadline), token), cancellationToken);

    public Task<IReadOnlyList<StoredSubscription>> ListSubscriptionsAsync(string? tenant, CancellationToken cancellationToken) =>
        RunAsync((deadline, token) => _subscriptions.ListAsync(tenant, MongoTransactions.Reads(deadline), token), cancellationToken);

    public Task<StoredSubscription> ReplaceSubscriptionAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return RunAsync((deadline, token) => _subscriptions.ReplaceAsync(subscription, MongoTransactions.Reads(deadline), token), cancellationToken);
    }

    public Task DeleteSubscriptionAsync(string tenant, string id, CancellationToken cancellationToken) =>
        RunAsync(
            async (deadline, token) =>
            {
                await _subscriptions.DeleteAsync(tenant, id, MongoTransactions.Reads(deadline), token).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    public Task<StoredSubscription> ResetSubscriptionAsync(string tenant, string id, long? cursor, CancellationToken cancellationToken) =>
        RunAsync((deadline, token) => _subscriptions.ResetAsync(tenant, id, cursor, MongoTransactions.Reads(deadline), token), cancellationToken);

    public Task<StoredSubscription?> TryLeaseAsync(
        string tenant, string id, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken) =>
        RunAsync((deadline, token) => _subscriptions.TryLeaseAsync(tenant, id, owner, now, until, MongoTransactions.Reads(deadline), token), cancellationToken);

    public Task<bool> SaveProgressAsync(string tenant, string id, string owner, long revision, DeliveryProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return RunAsync(
            (deadline, token) => _subscriptions.SaveProgressAsync(tenant, id, owner, revision, progress, MongoTransactions.Reads(deadline), token), cancellationToken);
    }

    public Task ReleaseLeaseAsync(string tenant, string id, string owner, CancellationToken cancellationToken) =>
        RunAsync(
            async (deadline, token) =>
            {
                await _subscriptions.ReleaseAsync(tenant, id, owner, MongoTransactions.Reads(deadline), token).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    public Task AppendAsync(IReadOnlyList<RequestLogEntry> entries, RequestLogBounds bounds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(bounds);
        return RunAsync(async (deadline, token) =>
        {
            await _requestLog.AppendAsync(entries, bounds, deadline, token).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    public Task<RequestLogPage> QueryAsync(RequestLogQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return RunAsync((deadline, token) => _requestLog.QueryAsync(query, deadline, token), cancellationToken);
    }

    public Task<IReadOnlyList<CredentialActivity>> ActivityAsync(DateTimeOffset lastCallSince, DateTimeOffset countsSince, CancellationToken cancellationToken) =>
        RunAsync((deadline, token) => _requestLog.ActivityAsync(lastCallSince, countsSince, deadline, token), cancellationToken);

    public Task PruneAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        RunAsync(async (_, token) =>
        {
            await _requestLog.PruneAsync(before, token).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public IReadOnlyList<string> ReadAll() =>
        RunAsync((_, token) => _requestLog.ReadKeysAsync(token), CancellationToken.None).GetAwaiter().GetResult();

    public void Add(string name, string xml) =>
        RunAsync(async (_, token) =>
        {
            await _requestLog.AddKeyAsync(name, xml, token).ConfigureAwait(false);
            return true;
        }, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>The aggregations a query runs (for explain and for tests); nothing is sent.</summary>
    internal MongoQueryPlan Plan(ResourceQuery query) => _queries.Plan(query);

    private async Task<T> RunAsync<T>(Func<MongoDeadline, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (state, token) => await state.operation(state.deadline, token).ConfigureAwait(false),
                (operation, deadline: _transactions.Deadline()),
                cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException exception)
        {
            throw new StoreUnavailableException(
                "MongoDB is unavailable; requests are refused until the retry time.",
                exception.RetryAfter ?? _options.CircuitBreakerBreakDuration,
                exception);
        }
        catch (TimeoutRejectedException exception)
        {
            throw new StoreUnavailableException(
                $"MongoDB did not answer within {_options.OperationTimeout.TotalSeconds:0.###} s.", TimeSpan.FromSeconds(1), exception);
        }
        catch (MongoExecutionTimeoutException exception)
        {
            throw new StoreUnavailableException(
                $"The query ran longer than the store's budget of {_options.OperationTimeout.TotalSeconds:0.###} s and was stopped; narrow the filter.",
                TimeSpan.FromSeconds(1),
                exception);
        }
    }
}
