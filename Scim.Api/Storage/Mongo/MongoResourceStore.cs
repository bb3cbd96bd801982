using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using MongoDB.Bson;
using MongoDB.Driver;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// The MongoDB implementation of <see cref="IResourceStore"/>.
/// <para>
/// Layout: one <c>resources</c> collection for every resource type, the type being part of the key, rather than a
/// collection per type: the registry can declare types at run time without creating collections or indexes per type,
/// tenants and types share one set of indexes, and deleting a member cleans up memberships across types in one place.
/// The key is <c>_id: { t, rt, id }</c>: point reads and the compare-and-swap go through the built-in unique
/// <c>_id</c> index, <c>_id</c> is immutable so an update can never move a resource to another tenant, and tenant,
/// type and id stay separate typed values (no separator to escape, as a string composite would need). Memberships
/// are rows of their own <c>memberships</c> collection (<see cref="MongoMemberships"/>); indexes are listed in
/// <see cref="MongoIndexes"/>.
/// </para>
/// <para>
/// Uniqueness: a shadow field holds the value folded by <see cref="MongoCaseFolding"/>, under a unique index. A
/// case-insensitive collation index (strength 2) was not used: its notion of "equal ignoring case" is ICU's, which
/// differs from the folding of the SQLite store and from the in-memory evaluator, and a collation index serves only
/// queries that name the same collation. With a shadow field every store agrees on what collides.
/// </para>
/// <para>
/// Atomicity: on a replica set or sharded cluster, a write that touches a resource and its memberships runs in one
/// transaction. On a standalone server (development only) there are no transactions: the compare-and-swap of the
/// resource happens first and the membership rows are written after it, so a failure in between leaves the version
/// bumped with the membership change not applied, and the client retries with the new version.
/// </para>
/// <para>
/// Soft delete and audit: a deleted resource moves to the <c>tombstones</c> collection and its membership rows to
/// <c>tombstoneMemberships</c>, so queries, filters and unique indexes of the live collections never see it. A write
/// carrying an <see cref="AuditEntry"/> inserts its record into <c>audit</c> in the write's transaction; on a
/// standalone server the record is inserted right after the change (a crash in between loses the record, never the
/// change). See <c>MongoResourceStore.Tombstones.cs</c> and <c>MongoResourceStore.Audit.cs</c>.
/// </para>
/// <para>
/// Tunables: <see cref="MongoStoreOptions"/>. Writes use <c>w: majority</c>, reads the primary; each call runs in the
/// <c>scim-mongo-store</c> pipeline (timeout, circuit breaker; an open circuit is a <see cref="StoreUnavailableException"/>).
/// </para>
/// </summary>
public sealed partial class MongoResourceStore : IResourceStore, IAuditTrail, IStoreRetention, IStoreLifecycle, IResourceCounter
{
    private static readonly TransactionOptions TransactionOptions = new(
        readConcern: ReadConcern.Snapshot,
        readPreference: ReadPreference.Primary,
        writeConcern: WriteConcern.WMajority);

    private readonly IMongoClient _client;
    private readonly SchemaRegistry _schemas;
    private readonly MongoStoreOptions _options;
    private readonly IMongoCollection<BsonDocument> _resources;
    private readonly IMongoCollection<BsonDocument> _memberships;
    private readonly IMongoCollection<BsonDocument> _tombstones;
    private readonly IMongoCollection<BsonDocument> _tombstoneMemberships;
    private readonly IMongoCollection<BsonDocument> _audit;
    private readonly ResiliencePipeline _startup;
    private readonly ResiliencePipeline _pipeline;
    private readonly MongoDuplicateKeys _duplicateKeys;
    private readonly TimeProvider _timeProvider;
    // 0 not yet known, 1 transactions, 2 none; read and written by concurrent calls.
    private int _transactions;

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
        _client = client;
        _schemas = schemas;
        _options = options;
        _timeProvider = timeProvider;
        var database = client.GetDatabase(options.Database, new MongoDatabaseSettings
        {
            WriteConcern = WriteConcern.WMajority,
            ReadPreference = ReadPreference.Primary,
        });
        _resources = database.GetCollection<BsonDocument>(MongoFields.ResourcesCollection);
        _memberships = database.GetCollection<BsonDocument>(MongoFields.MembershipsCollection);
        _tombstones = database.GetCollection<BsonDocument>(MongoFields.TombstonesCollection);
        _tombstoneMemberships = database.GetCollection<BsonDocument>(MongoFields.TombstoneMembershipsCollection);
        _audit = database.GetCollection<BsonDocument>(MongoFields.AuditCollection);
        _startup = MongoResilience.Startup(options, timeProvider, loggerFactory);
        _pipeline = MongoResilience.Store(options, timeProvider, loggerFactory);
        _duplicateKeys = new MongoDuplicateKeys(schemas.ResourceTypes);
    }

    /// <summary>The database the store uses.</summary>
    public string DatabaseName => _options.Database;

    /// <summary>Waits for MongoDB (retrying with back-off), learns whether it supports transactions, and creates the indexes.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _startup.ExecuteAsync(
            static async (store, token) =>
            {
                await store.DetectTransactionsAsync(token).ConfigureAwait(false);
                await store._resources.Indexes.CreateManyAsync(
                    MongoIndexes.Resources(store._schemas.ResourceTypes).Select(index => index.ToModel()), token).ConfigureAwait(false);
                await store._memberships.Indexes.CreateManyAsync(
                    MongoIndexes.Memberships().Select(index => index.ToModel()), token).ConfigureAwait(false);
                await store._tombstones.Indexes.CreateManyAsync(
                    MongoIndexes.Tombstones().Select(index => index.ToModel()), token).ConfigureAwait(false);
                await store._tombstoneMemberships.Indexes.CreateManyAsync(
                    MongoIndexes.TombstoneMemberships().Select(index => index.ToModel()), token).ConfigureAwait(false);
                await store._audit.Indexes.CreateManyAsync(
                    MongoIndexes.Audit().Select(index => index.ToModel()), token).ConfigureAwait(false);
            },
            this,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Pings the primary within the operation timeout; false when MongoDB does not answer.</summary>
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.OperationTimeout);
        try
        {
            await _resources.Database.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), ReadPreference.Primary, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is MongoException or TimeoutException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    public Task<IReadOnlyList<ResourceCount>> CountResourcesAsync(CancellationToken cancellationToken) =>
        MongoResourceCounter.CountAsync(_resources, _options.OperationTimeout, cancellationToken);

    public Task<StoredResource> CreateAsync(ResourceWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        return RunAsync(
            async token =>
            {
                if (write.Members.Count > 0)
                {
                    await RejectUnknownMembersAsync(write.Key.Tenant, write.Members, token).ConfigureAwait(false);
                }

                var stored = MongoResourceDocuments.ForCreate(write);
                await WriteAsync(
                    async (session, ct) =>
                    {
                        await InsertAsync(session, stored, ct).ConfigureAwait(false);
                        if (write.Members.Count > 0)
                        {
                            await ApplyMembershipsAsync(session, write.Key, new MembershipDelta(false, [], write.Members), ct).ConfigureAwait(false);
                        }

                        await RecordAuditAsync(session, write.Key, write.Audit, null, 1, ct).ConfigureAwait(false);
                        return true;
                    },
                    write.Key,
                    write.Document,
                    atomic: write.Members.Count > 0 || write.Audit is not null,
                    token).ConfigureAwait(false);
                return new StoredResource(write.Key.Id, 1, write.Created, write.Created, MongoResourceDocuments.Storable(write.Key.Type, write.Document));
            },
            cancellationToken);
    }

    public Task<StoredResource?> GetAsync(ResourceKey key, ReadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(options);
        return RunAsync(
            async token =>
            {
                var stored = await _resources.Find(new BsonDocument(MongoFields.Id, MongoFields.KeyOf(key)))
                    .Project(MongoResourceDocuments.Projection)
                    .FirstOrDefaultAsync(token).ConfigureAwait(false);
                if (stored is null)
                {
                    return null;
                }

                var resource = MongoResourceDocuments.Read(stored);
                await AddRelationshipsAsync(key.Tenant, key.Type, options, [resource], token).ConfigureAwait(false);
                return resource;
            },
            cancellationToken);
    }

    public Task<StoredResource> UpdateAsync(ResourceUpdate update, long? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        UpdateConditions.EnsureDocumentIsVersioned(update, expectedVersion);
        return RunAsync(
            async token =>
            {
                var members = update.Members is { IsEmpty: false } delta ? delta : null;
                if (members is { Add.Count: > 0 })
                {
                    await RejectUnknownMembersAsync(update.Key.Tenant, members.Add, token).ConfigureAwait(false);
                }

                var change = MongoResourceDocuments.ForUpdate(update);
                return await WriteAsync(
                    async (session, ct) =>
                    {
                        var stored = await FindAndUpdateAsync(session, update.Key, expectedVersion, change, ct).ConfigureAwait(false);
                        if (members is not null)
                        {
                            await ApplyMembershipsAsync(session, update.Key, members, ct).ConfigureAwait(false);
                        }

                        var updated = MongoResourceDocuments.Read(stored);
                        // The update $inc-ed the version of this one document atomically: it replaced the one before.
                        await RecordAuditAsync(session, update.Key, update.Audit, updated.Version - 1, updated.Version, ct).ConfigureAwait(false);
                        return updated;
                    },
                    update.Key,
                    update.Document,
                    atomic: members is not null || update.Audit is not null,
                    token).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public Task DeleteAsync(ResourceKey key, long? expectedVersion, CancellationToken cancellationToken) =>
        DeleteAsync(new ResourceDeletion(key, expectedVersion, _timeProvider.GetUtcNow()), cancellationToken);

    public Task<QueryResult> QueryAsync(ResourceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var resolved = query.Filter is null ? null : FilterResolver.Resolve(query.Filter, query.Type);
        var sortStages = MongoSort.Stages(query.Type, query.Sort);
        return RunAsync(
            async token =>
            {
                var scope = new BsonDocument { { MongoFields.Tenant, query.Tenant }, { MongoFields.ResourceType, query.Type.Name } };
                if (resolved is not null)
                {
                    var matches = await RunMembershipQueriesAsync(resolved, query.Type, query.Tenant, token).ConfigureAwait(false);
                    scope = MongoConditions.And([scope, MongoFilterTranslator.Translate(resolved, query.Type, matches)]);
                }

                var total = await _resources.CountDocumentsAsync(scope, cancellationToken: token).ConfigureAwait(false);
                if (query.Keyset is not null)
                {
                    return await KeysetPageAsync(query, scope, sortStages, total, token).ConfigureAwait(false);
                }

                if (query.Page.Count <= 0 || query.Page.Offset >= total)
                {
                    return new QueryResult(total, []);
                }

                var pipeline = new List<BsonDocument> { new("$match", scope) };
                pipeline.AddRange(sortStages);
                if (query.Page.Offset > 0)
                {
                    pipeline.Add(new BsonDocument("$skip", query.Page.Offset));
                }

                pipeline.Add(new BsonDocument("$limit", query.Page.Count));
                pipeline.Add(new BsonDocument("$project", MongoResourceDocuments.Projection));
                var page = await _resources.Aggregate<BsonDocument>(pipeline, cancellationToken: token).ToListAsync(token).ConfigureAwait(false);
                var resources = page.Select(MongoResourceDocuments.Read).ToList();
                await AddRelationshipsAsync(query.Tenant, query.Type, query.Read, resources, token).ConfigureAwait(false);
                return new QueryResult(total, resources);
            },
            cancellationToken);
    }

    private async Task<QueryResult> KeysetPageAsync(
        ResourceQuery query, BsonDocument scope, IReadOnlyList<BsonDocument> sortStages, long total, CancellationToken token)
    {
        var keyset = query.Keyset!;
        if (query.Page.Count <= 0)
        {
            return new QueryResult(total, []);
        }

        var fields = MongoKeyset.Fields(sortStages);
        var backward = keyset.Before is not null;
        var anchor = (backward ? keyset.Before : keyset.After) is { } text ? MongoKeyset.Parse(text, fields.Count) : null;
        var computed = sortStages.Take(sortStages.Count - 1).ToList();

        var pipeline = new List<BsonDocument> { new("$match", scope) };
        pipeline.AddRange(computed);
        if (anchor is not null)
        {
            pipeline.Add(new BsonDocument("$match", MongoKeyset.Beyond(fields, anchor, backward, inclusive: false)));
        }

        pipeline.AddRange(backward ? MongoKeyset.Reversed(sortStages).TakeLast(1) : sortStages.TakeLast(1));
        pipeline.Add(new BsonDocument("$limit", query.Page.Count + 1));
        pipeline.Add(new BsonDocument("$project", MongoKeyset.Projection(fields)));
        var page = await _resources.Aggregate<BsonDocument>(pipeline, cancellationToken: token).ToListAsync(token).ConfigureAwait(false);
        var beyond = page.Count > query.Page.Count;
        if (beyond)
        {
            page.RemoveAt(page.Count - 1);
        }

        if (backward)
        {
            page.Reverse();
        }

        var otherSide = false;
        if (anchor is not null)
        {
            var probe = new List<BsonDocument> { new("$match", scope) };
            probe.AddRange(computed);
            probe.Add(new BsonDocument("$match", MongoKeyset.Beyond(fields, anchor, !backward, inclusive: true)));
            probe.Add(new BsonDocument("$limit", 1));
            probe.Add(new BsonDocument("$project", new BsonDocument(MongoFields.Id, 1)));
            otherSide = await _resources.Aggregate<BsonDocument>(probe, cancellationToken: token).AnyAsync(token).ConfigureAwait(false);
        }

        var resources = page.Select(MongoResourceDocuments.Read).ToList();
        await AddRelationshipsAsync(query.Tenant, query.Type, query.Read, resources, token).ConfigureAwait(false);
        return new QueryResult(total, resources)
        {
            FirstPosition = page.Count == 0 ? null : MongoKeyset.Format(page[0], fields),
            LastPosition = page.Count == 0 ? null : MongoKeyset.Format(page[^1], fields),
            HasMore = backward ? otherSide : beyond,
            HasPrevious = backward ? beyond : otherSide,
        };
    }

    private async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (work, token) => await work(token).ConfigureAwait(false),
                operation,
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
    }

    // The work runs in a transaction where the deployment has them, else directly (see the class comment).
    // A write of one document alone is atomic by itself and needs no transaction.
    private async Task<T> WriteAsync<T>(
        Func<IClientSessionHandle?, CancellationToken, Task<T>> work,
        ResourceKey key,
        JsonObject? document,
        bool atomic,
        CancellationToken cancellationToken)
    {
        try
        {
            if (!atomic || !await DetectTransactionsAsync(cancellationToken).ConfigureAwait(false))
            {
                return await work(null, cancellationToken).ConfigureAwait(false);
            }

            using var session = await _client.StartSessionAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return await session.WithTransactionAsync((handle, token) => work(handle, token), TransactionOptions, cancellationToken).ConfigureAwait(false);
        }
        catch (MongoException exception) when (MongoDuplicateKeys.IsDuplicateKey(exception))
        {
            throw _duplicateKeys.ToScimException(exception, key, document);
        }
    }

    // hello: a replica set member reports setName, a mongos reports msg "isdbgrid"; both run transactions.
    private async Task<bool> DetectTransactionsAsync(CancellationToken cancellationToken)
    {
        var known = Volatile.Read(ref _transactions);
        if (known != 0)
        {
            return known == 1;
        }

        var hello = await _client.GetDatabase("admin")
            .RunCommandAsync<BsonDocument>(new BsonDocument("hello", 1), ReadPreference.Primary, cancellationToken).ConfigureAwait(false);
        var supported = hello.Contains("setName") || hello.GetValue("msg", "").ToString() == "isdbgrid";
        Volatile.Write(ref _transactions, supported ? 1 : 2);
        return supported;
    }

    private Task InsertAsync(IClientSessionHandle? session, BsonDocument stored, CancellationToken cancellationToken) =>
        session is null
            ? _resources.InsertOneAsync(stored, cancellationToken: cancellationToken)
            : _resources.InsertOneAsync(session, stored, cancellationToken: cancellationToken);

    // A compare-and-swap when a version is expected; without one (a membership-only change) the filter is the key alone.
    private async Task<BsonDocument> FindAndUpdateAsync(
        IClientSessionHandle? session, ResourceKey key, long? expectedVersion, BsonDocument change, CancellationToken cancellationToken)
    {
        var filter = new BsonDocument(MongoFields.Id, MongoFields.KeyOf(key));
        if (expectedVersion is { } expected)
        {
            filter.Add(MongoFields.Version, expected);
        }

        var options = new FindOneAndUpdateOptions<BsonDocument>
        {
            ReturnDocument = ReturnDocument.After,
            Projection = MongoResourceDocuments.Projection,
        };
        var stored = session is null
            ? await _resources.FindOneAndUpdateAsync<BsonDocument>(filter, change, options, cancellationToken).ConfigureAwait(false)
            : await _resources.FindOneAndUpdateAsync<BsonDocument>(session, filter, change, options, cancellationToken).ConfigureAwait(false);
        if (stored is not null)
        {
            return stored;
        }

        throw expectedVersion is null ? Missing(key) : await MissOfAsync(session, key, cancellationToken).ConfigureAwait(false);
    }

    private static ScimException Missing(ResourceKey key) => ScimException.NotFound($"{key.Type.Name} '{key.Id}' does not exist.");

    // A conditional write matched nothing: one re-read tells a missing resource (404) from a newer version (412).
    private async Task<ScimException> MissOfAsync(IClientSessionHandle? session, ResourceKey key, CancellationToken cancellationToken)
    {
        var filter = new BsonDocument(MongoFields.Id, MongoFields.KeyOf(key));
        var projection = new BsonDocument(MongoFields.Version, 1);
        var current = session is null
            ? await _resources.Find(filter).Project(projection).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            : await _resources.Find(session, filter).Project(projection).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return current is null
            ? Missing(key)
            : ScimException.PreconditionFailed(
                $"{key.Type.Name} '{key.Id}' has changed (it is at version {current[MongoFields.Version].ToInt64()}); read it again and retry with its current ETag.");
    }

    private async Task TouchGroupsOfAsync(IClientSessionHandle? session, ResourceKey member, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // A find rather than distinct: distinct is not allowed in transactions on sharded collections.
        var rows = new BsonDocument { { MongoFields.MembershipTenant, member.Tenant }, { MongoFields.MembershipMember, member.Id } };
        var projection = new BsonDocument { { MongoFields.Id, 0 }, { MongoFields.MembershipGroup, 1 } };
        var found = session is null
            ? await _memberships.Find(rows).Project(projection).ToListAsync(cancellationToken).ConfigureAwait(false)
            : await _memberships.Find(session, rows).Project(projection).ToListAsync(cancellationToken).ConfigureAwait(false);
        await TouchGroupsAsync(session, member.Tenant, [.. found.Select(row => row[MongoFields.MembershipGroup].AsString)], now, cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task TouchGroupsAsync(
        IClientSessionHandle? session, string tenant, IReadOnlyCollection<string> groupIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (groupIds.Count == 0)
        {
            return;
        }

        var filter = new BsonDocument
        {
            { MongoFields.Tenant, tenant },
            { MongoFields.ResourceType, new BsonDocument("$in", new BsonArray(GroupTypeNames())) },
            { MongoFields.ResourceId, new BsonDocument("$in", new BsonArray(groupIds)) },
        };
        var touch = new BsonDocument
        {
            { "$set", new BsonDocument { { MongoFields.LastModified, MongoConditions.ToBsonDate(now) }, { MongoFields.LastModifiedTicks, now.UtcTicks } } },
            { "$inc", new BsonDocument(MongoFields.Version, 1L) },
        };
        _ = session is null
            ? await _resources.UpdateManyAsync(filter, touch, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await _resources.UpdateManyAsync(session, filter, touch, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private IEnumerable<string> GroupTypeNames() => _schemas.ResourceTypes
        .Where(type => type.Schema.FindAttribute("members") is { } members && MongoAttributeLocation.IsMembersAttribute(type, members))
        .Select(type => type.Name);

    private async Task ApplyMembershipsAsync(IClientSessionHandle? session, ResourceKey group, MembershipDelta delta, CancellationToken cancellationToken)
    {
        var changes = MongoMemberships.Changes(group.Tenant, group.Id, delta);
        if (changes.Count == 0)
        {
            return;
        }

        var options = new BulkWriteOptions { IsOrdered = false };
        try
        {
            _ = session is null
                ? await _memberships.BulkWriteAsync(changes, options, cancellationToken).ConfigureAwait(false)
                : await _memberships.BulkWriteAsync(session, changes, options, cancellationToken).ConfigureAwait(false);
        }
        catch (MongoBulkWriteException exception) when (session is null
            && exception.WriteErrors.All(error => error.Category == ServerErrorCategory.DuplicateKey) && exception.WriteConcernError is null)
        {
            // Two concurrent upserts of the same new member: one inserted the row, the other's duplicate key means
            // the member is present, which is what both asked for.
        }
    }

    private async Task RejectUnknownMembersAsync(string tenant, IReadOnlyList<MemberReference> members, CancellationToken cancellationToken)
    {
        if (!_options.RejectUnknownMembers)
        {
            return;
        }

        var ids = members.Select(member => member.Value).Distinct(StringComparer.Ordinal).ToList();
        var filter = new BsonDocument
        {
            { MongoFields.Tenant, tenant },
            { MongoFields.ResourceType, new BsonDocument("$in", new BsonArray(_schemas.ResourceTypes.Select(type => type.Name))) },
            { MongoFields.ResourceId, new BsonDocument("$in", new BsonArray(ids)) },
        };
        var found = await _resources.Find(filter)
            .Project(new BsonDocument(MongoFields.Id, 1))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var known = found.Select(document => document[MongoFields.Id]["id"].AsString).ToHashSet(StringComparer.Ordinal);
        var unknown = ids.Where(id => !known.Contains(id)).Take(5).ToList();
        if (unknown.Count > 0)
        {
            throw ScimException.InvalidValue(
                $"The members {string.Join(", ", unknown.Select(id => $"'{id}'"))} are not resources of this tenant; create them first or remove them from the request.");
        }
    }

    private async Task<Dictionary<Filter, IReadOnlyCollection<string>>> RunMembershipQueriesAsync(
        Filter resolved, ResourceTypeDefinition type, string tenant, CancellationToken cancellationToken)
    {
        var matches = new Dictionary<Filter, IReadOnlyCollection<string>>();
        foreach (var positive in MongoMembershipQuery.Collect(resolved, type))
        {
            var membership = MongoMembershipQuery.For(
                positive, type, tenant, [.. _schemas.ResourceTypes.Select(candidate => candidate.Name)], [.. GroupTypeNames()]);
            if (membership.Pipeline is { } pipeline)
            {
                var rows = await _memberships.Aggregate<BsonDocument>(pipeline.ToList(), cancellationToken: cancellationToken)
                    .ToListAsync(cancellationToken).ConfigureAwait(false);
                matches[positive] = [.. rows.Select(row => row[MongoFields.Id].AsString)];
            }
            else
            {
                using var cursor = await _memberships.DistinctAsync<string>(membership.ResourceIdField, membership.Filter, cancellationToken: cancellationToken).ConfigureAwait(false);
                matches[positive] = await cursor.ToListAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return matches;
    }

    // Group.members and User.groups are read only when asked for, in one query per page.
    private async Task AddRelationshipsAsync(
        string tenant, ResourceTypeDefinition type, ReadOptions options, IReadOnlyList<StoredResource> resources, CancellationToken cancellationToken)
    {
        if (resources.Count == 0)
        {
            return;
        }

        var members = type.Schema.FindAttribute("members");
        if (options.IncludeMembers && members is not null && MongoAttributeLocation.IsMembersAttribute(type, members))
        {
            await AddMembersAsync(tenant, members.Name, resources, cancellationToken).ConfigureAwait(false);
        }

        var groups = type.Schema.FindAttribute("groups");
        if (options.IncludeGroups && groups is not null && MongoAttributeLocation.IsGroupsAttribute(type, groups))
        {
            await AddGroupsAsync(tenant, groups.Name, resources, cancellationToken).ConfigureAwait(false);
        }
    }

    // A member's type and display come from the member resource as it is now; the client's display wins, and the
    // client's type stands in for members that are not (yet) resources of the tenant.
    private async Task AddMembersAsync(string tenant, string attribute, IReadOnlyList<StoredResource> groups, CancellationToken cancellationToken)
    {
        var rows = await _memberships.Find(MongoMemberships.OfGroups(tenant, groups.Select(group => group.Id)))
            .Sort(new BsonDocument { { MongoFields.MembershipTenant, 1 }, { MongoFields.MembershipGroup, 1 }, { MongoFields.MembershipMember, 1 } })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return;
        }

        var memberIds = rows.Select(row => row[MongoFields.MembershipMember].AsString).Distinct(StringComparer.Ordinal);
        var resources = await _resources.Find(new BsonDocument
            {
                { MongoFields.Tenant, tenant },
                { MongoFields.ResourceType, new BsonDocument("$in", new BsonArray(_schemas.ResourceTypes.Select(type => type.Name))) },
                { MongoFields.ResourceId, new BsonDocument("$in", new BsonArray(memberIds)) },
            })
            .Project(new BsonDocument(MongoFields.Display, 1))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var known = new Dictionary<string, (string Type, string? Display)>(StringComparer.Ordinal);
        foreach (var resource in resources)
        {
            var display = resource.TryGetValue(MongoFields.Display, out var name) && name.IsString ? name.AsString : null;
            known.TryAdd(resource[MongoFields.Id]["id"].AsString, (resource[MongoFields.Id]["rt"].AsString, display));
        }

        var byGroup = rows.ToLookup(row => row[MongoFields.MembershipGroup].AsString, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var values = new JsonArray();
            foreach (var row in byGroup[group.Id])
            {
                var id = row[MongoFields.MembershipMember].AsString;
                var resource = known.TryGetValue(id, out var found) ? found : default;
                var display = row.TryGetValue(MongoFields.MembershipDisplay, out var given) && given.IsString ? given.AsString : resource.Display;
                var type = resource.Type ?? (row.TryGetValue(MongoFields.MembershipType, out var claimed) && claimed.IsString ? claimed.AsString : null);
                var member = new JsonObject { ["value"] = id };
                if (display is not null)
                {
                    member["display"] = display;
                }

                if (type is not null)
                {
                    member["type"] = type;
                }

                values.Add(member);
            }

            if (values.Count > 0)
            {
                group.SetRelation(attribute, values);
            }
        }
    }

    private async Task AddGroupsAsync(string tenant, string attribute, IReadOnlyList<StoredResource> members, CancellationToken cancellationToken)
    {
        var rows = await _memberships.Find(MongoMemberships.OfMembers(tenant, members.Select(member => member.Id)))
            .Project(new BsonDocument { { MongoFields.MembershipGroup, 1 }, { MongoFields.MembershipMember, 1 } })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return;
        }

        var groupTypes = GroupTypeNames();
        var groupIds = rows.Select(row => row[MongoFields.MembershipGroup].AsString).Distinct(StringComparer.Ordinal);
        var groupDocuments = await _resources.Find(new BsonDocument
            {
                { MongoFields.Tenant, tenant },
                { MongoFields.ResourceType, new BsonDocument("$in", new BsonArray(groupTypes)) },
                { MongoFields.ResourceId, new BsonDocument("$in", new BsonArray(groupIds)) },
            })
            .Project(new BsonDocument(MongoFields.Display, 1))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var displayNames = groupDocuments.ToDictionary(
            document => document[MongoFields.Id]["id"].AsString,
            document => document.TryGetValue(MongoFields.Display, out var name) && name.IsString ? name.AsString : null,
            StringComparer.Ordinal);
        var byMember = rows.ToLookup(row => row[MongoFields.MembershipMember].AsString, StringComparer.Ordinal);
        foreach (var member in members)
        {
            var values = new JsonArray();
            foreach (var groupId in byMember[member.Id].Select(row => row[MongoFields.MembershipGroup].AsString).Order(StringComparer.Ordinal))
            {
                // A membership whose group is gone (or is of no group type) is not reported.
                if (!displayNames.TryGetValue(groupId, out var displayName))
                {
                    continue;
                }

                var group = new JsonObject { ["value"] = groupId };
                if (displayName is not null)
                {
                    group["display"] = displayName;
                }

                group["type"] = "direct";
                values.Add(group);
            }

            if (values.Count > 0)
            {
                member.SetRelation(attribute, values);
            }
        }
    }
}
