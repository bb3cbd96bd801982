using MongoDB.Bson;
using MongoDB.Driver;
using Scim.Api.Core.Events;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// Subscriptions and their delivery state, one document each (see <see cref="MongoFields"/>). Every write is a
/// single-document update whose filter holds its condition (the lease owner, the revision, an expired lease), so two
/// replicas cannot both pass a check; filters name the whole <c>_id</c> and the shard key (t, sid).
/// </summary>
internal sealed class MongoSubscriptions(MongoCollections collections)
{
    private static readonly BsonDocument ByTenantAndId = new() { { MongoFields.SubscriptionTenant, 1 }, { MongoFields.SubscriptionId, 1 } };

    private IMongoCollection<BsonDocument> Collection => collections.Subscriptions;

    public async Task<StoredSubscription> CreateAsync(Subscription subscription, long cursor, DateTimeOffset now, MongoSession session, CancellationToken cancellationToken)
    {
        var document = New(subscription, cursor, now, fromConfiguration: false);
        try
        {
            await session.InsertOneAsync(Collection, document, cancellationToken).ConfigureAwait(false);
        }
        catch (MongoException exception) when (MongoDuplicateKeys.IsDuplicateKey(exception))
        {
            throw SubscriptionDefinitions.Duplicate(subscription.Tenant, subscription.Id);
        }

        return Read(document);
    }

    public async Task UpsertConfiguredAsync(Subscription subscription, long cursor, DateTimeOffset now, MongoSession session, CancellationToken cancellationToken)
    {
        var definition = Definition(subscription);
        var existing = await session.Find(Collection, Key(subscription.Tenant, subscription.Id)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            try
            {
                await session.InsertOneAsync(Collection, New(subscription, cursor, now, fromConfiguration: true), cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (MongoException exception) when (MongoDuplicateKeys.IsDuplicateKey(exception))
            {
                // Another replica starting at the same time wrote it first: fall through to the update.
            }
        }

        var changed = existing is null || !existing[MongoFields.SubscriptionDefinition].Equals(definition) || !existing[MongoFields.SubscriptionFromConfiguration].AsBoolean;
        var update = new BsonDocument("$set", new BsonDocument { { MongoFields.SubscriptionDefinition, definition }, { MongoFields.SubscriptionFromConfiguration, true } });
        if (changed)
        {
            update.Add("$inc", new BsonDocument(MongoFields.SubscriptionRevision, 1L));
        }

        await session.UpdateOneAsync(Collection, Key(subscription.Tenant, subscription.Id), update, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredSubscription?> GetAsync(string tenant, string id, MongoSession session, CancellationToken cancellationToken)
    {
        var document = await session.Find(Collection, Key(tenant, id)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return document is null ? null : Read(document);
    }

    public async Task<IReadOnlyList<StoredSubscription>> ListAsync(string? tenant, MongoSession session, CancellationToken cancellationToken)
    {
        var filter = tenant is null ? new BsonDocument() : new BsonDocument(MongoFields.SubscriptionTenant, tenant);
        var documents = await session.Find(Collection, filter).Sort(ByTenantAndId).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. documents.Select(Read)];
    }

    public async Task<StoredSubscription> ReplaceAsync(Subscription subscription, MongoSession session, CancellationToken cancellationToken) =>
        await UpdateAsync(
            session,
            Key(subscription.Tenant, subscription.Id),
            new BsonDocument
            {
                { "$set", new BsonDocument(MongoFields.SubscriptionDefinition, Definition(subscription)) },
                { "$inc", new BsonDocument(MongoFields.SubscriptionRevision, 1L) },
            },
            cancellationToken).ConfigureAwait(false)
        ?? throw SubscriptionDefinitions.NotFound(subscription.Tenant, subscription.Id);

    public async Task DeleteAsync(string tenant, string id, MongoSession session, CancellationToken cancellationToken)
    {
        if ((await session.DeleteOneAsync(Collection, Key(tenant, id), cancellationToken).ConfigureAwait(false)).DeletedCount == 0)
        {
            throw SubscriptionDefinitions.NotFound(tenant, id);
        }
    }

    public async Task<StoredSubscription> ResetAsync(string tenant, string id, long? cursor, MongoSession session, CancellationToken cancellationToken)
    {
        var set = new BsonDocument
        {
            { MongoFields.SubscriptionStatus, SubscriptionDefinitions.StatusName(SubscriptionStatus.Active) },
            { MongoFields.SubscriptionFailingSinceTicks, BsonNull.Value },
            { MongoFields.SubscriptionLastError, BsonNull.Value },
        };
        if (cursor is { } position)
        {
            set.Add(MongoFields.SubscriptionCursor, position);
        }

        return await UpdateAsync(
            session, Key(tenant, id), new BsonDocument { { "$set", set }, { "$inc", new BsonDocument(MongoFields.SubscriptionRevision, 1L) } }, cancellationToken)
            .ConfigureAwait(false) ?? throw SubscriptionDefinitions.NotFound(tenant, id);
    }

    public Task<StoredSubscription?> TryLeaseAsync(
        string tenant, string id, string owner, DateTimeOffset now, DateTimeOffset until, MongoSession session, CancellationToken cancellationToken)
    {
        var filter = Key(tenant, id);
        filter.Add(MongoFields.SubscriptionStatus, SubscriptionDefinitions.StatusName(SubscriptionStatus.Active));
        filter.Add("$or", new BsonArray
        {
            new BsonDocument(MongoFields.SubscriptionLeaseOwner, BsonNull.Value),
            new BsonDocument(MongoFields.SubscriptionLeaseOwner, owner),
            new BsonDocument(MongoFields.SubscriptionLeaseUntilTicks, new BsonDocument("$lt", now.UtcTicks)),
        });
        return UpdateAsync(
            session,
            filter,
            new BsonDocument("$set", new BsonDocument { { MongoFields.SubscriptionLeaseOwner, owner }, { MongoFields.SubscriptionLeaseUntilTicks, until.UtcTicks } }),
            cancellationToken);
    }

    public async Task<bool> SaveProgressAsync(
        string tenant, string id, string owner, long revision, DeliveryProgress progress, MongoSession session, CancellationToken cancellationToken)
    {
        var filter = Key(tenant, id);
        filter.Add(MongoFields.SubscriptionLeaseOwner, owner);
        filter.Add(MongoFields.SubscriptionRevision, revision);
        var set = new BsonDocument
        {
            { MongoFields.SubscriptionFailingSinceTicks, progress.FailingSince is { } since ? since.UtcTicks : BsonNull.Value },
            { MongoFields.SubscriptionLastError, progress.LastError is { } error ? error : BsonNull.Value },
            { MongoFields.SubscriptionLeaseUntilTicks, progress.Suspend ? BsonNull.Value : progress.LeaseUntil.UtcTicks },
        };
        if (progress.Suspend)
        {
            set.Add(MongoFields.SubscriptionStatus, SubscriptionDefinitions.StatusName(SubscriptionStatus.Suspended));
            set.Add(MongoFields.SubscriptionLeaseOwner, BsonNull.Value);
        }

        var update = new BsonDocument { { "$set", set }, { "$max", new BsonDocument(MongoFields.SubscriptionCursor, progress.Cursor) } };
        return (await session.UpdateOneAsync(Collection, filter, update, cancellationToken).ConfigureAwait(false)).MatchedCount > 0;
    }

    public Task ReleaseAsync(string tenant, string id, string owner, MongoSession session, CancellationToken cancellationToken)
    {
        var filter = Key(tenant, id);
        filter.Add(MongoFields.SubscriptionLeaseOwner, owner);
        return session.UpdateOneAsync(
            Collection,
            filter,
            new BsonDocument("$set", new BsonDocument { { MongoFields.SubscriptionLeaseOwner, BsonNull.Value }, { MongoFields.SubscriptionLeaseUntilTicks, BsonNull.Value } }),
            cancellationToken);
    }

    /// <summary>One subscription by its whole <c>_id</c>, naming the shard key (t, sid) too.</summary>
    public static BsonDocument Key(string tenant, string id) => new()
    {
        { MongoFields.Id, new BsonDocument { { "t", tenant }, { "id", id } } },
        { MongoFields.SubscriptionTenant, tenant },
        { MongoFields.SubscriptionId, id },
    };

    private async Task<StoredSubscription?> UpdateAsync(MongoSession session, BsonDocument filter, BsonDocument update, CancellationToken cancellationToken)
    {
        var document = await session.FindOneAndUpdateAsync(Collection, filter, update, new BsonDocument(), cancellationToken).ConfigureAwait(false);
        return document is null ? null : Read(document);
    }

    private static BsonDocument Definition(Subscription subscription) => MongoJsonConverter.ToBson(SubscriptionDefinitions.ToJson(subscription));

    private static BsonDocument New(Subscription subscription, long cursor, DateTimeOffset now, bool fromConfiguration) => new()
    {
        { MongoFields.Id, new BsonDocument { { "t", subscription.Tenant }, { "id", subscription.Id } } },
        { MongoFields.SubscriptionTenant, subscription.Tenant },
        { MongoFields.SubscriptionId, subscription.Id },
        { MongoFields.SubscriptionDefinition, Definition(subscription) },
        { MongoFields.SubscriptionFromConfiguration, fromConfiguration },
        { MongoFields.SubscriptionCreatedTicks, now.UtcTicks },
        { MongoFields.SubscriptionCursor, cursor },
        { MongoFields.SubscriptionStatus, SubscriptionDefinitions.StatusName(SubscriptionStatus.Active) },
        { MongoFields.SubscriptionRevision, 0L },
        { MongoFields.SubscriptionFailingSinceTicks, BsonNull.Value },
        { MongoFields.SubscriptionLastError, BsonNull.Value },
        { MongoFields.SubscriptionLeaseOwner, BsonNull.Value },
        { MongoFields.SubscriptionLeaseUntilTicks, BsonNull.Value },
    };

    private static StoredSubscription Read(BsonDocument document)
    {
        var definition = SubscriptionDefinitions.FromJson(
            document[MongoFields.SubscriptionTenant].AsString,
            document[MongoFields.SubscriptionId].AsString,
            document[MongoFields.SubscriptionFromConfiguration].AsBoolean,
            MongoJsonConverter.ToJson(document[MongoFields.SubscriptionDefinition].AsBsonDocument));
        var state = new SubscriptionState(
            document[MongoFields.SubscriptionCursor].ToInt64(),
            SubscriptionDefinitions.ParseStatus(document[MongoFields.SubscriptionStatus].AsString),
            document[MongoFields.SubscriptionRevision].ToInt64(),
            Instant(document, MongoFields.SubscriptionFailingSinceTicks),
            document.TryGetValue(MongoFields.SubscriptionLastError, out var error) && error.IsString ? error.AsString : null,
            document.TryGetValue(MongoFields.SubscriptionLeaseOwner, out var owner) && owner.IsString ? owner.AsString : null,
            Instant(document, MongoFields.SubscriptionLeaseUntilTicks));
        return new StoredSubscription(definition, state, new DateTimeOffset(document[MongoFields.SubscriptionCreatedTicks].ToInt64(), TimeSpan.Zero));
    }

    private static DateTimeOffset? Instant(BsonDocument document, string field) =>
        document.TryGetValue(field, out var ticks) && ticks.IsNumeric ? new DateTimeOffset(ticks.ToInt64(), TimeSpan.Zero) : null;
}
