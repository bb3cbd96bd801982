using MongoDB.Bson;
using MongoDB.Driver;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Events;
using Scim.Api.Core.Storage;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// Creates and updates resources: the resource document, its membership rows, its audit record and its change event in one transaction
/// (<see cref="MongoTransactions"/>); an update is a compare-and-swap on the version in the same statement, and when
/// it matches nothing one re-read tells 404 from 412.
/// </summary>
internal sealed class MongoResourceWriter(
    MongoCollections collections,
    MongoTransactions transactions,
    MongoMembershipWriter memberships,
    MongoAuditWriter audit,
    MongoEventWriter events,
    MongoDuplicateKeys duplicateKeys)
{
    public async Task<StoredResource> CreateAsync(ResourceWrite write, MongoDeadline deadline, CancellationToken cancellationToken)
    {
        var known = write.Members.Count > 0
            ? await memberships.ResolveAsync(write.Key.Tenant, write.Members, MongoTransactions.Reads(deadline), cancellationToken).ConfigureAwait(false)
            : null;
        var stored = MongoResourceDocuments.ForCreate(write);
        try
        {
            await transactions.WriteAsync(
                async (session, token) =>
                {
                    await session.InsertOneAsync(collections.Resources, stored, token).ConfigureAwait(false);
                    if (known is not null)
                    {
                        await memberships.ApplyAsync(session, write.Key, new MembershipDelta(false, [], write.Members), known, token).ConfigureAwait(false);
                    }

                    await audit.RecordAsync(session, write.Key, write.Audit, null, 1, token).ConfigureAwait(false);
                    await events.RecordAsync(session, ChangeRecords.ForCreate(write), token).ConfigureAwait(false);
                    return true;
                },
                atomic: true,
                deadline,
                cancellationToken).ConfigureAwait(false);
        }
        catch (MongoException exception) when (MongoDuplicateKeys.IsDuplicateKey(exception))
        {
            throw await duplicateKeys.ToScimExceptionAsync(exception, write.Key, write.Document, cancellationToken).ConfigureAwait(false);
        }

        return new StoredResource(write.Key.Id, 1, write.Created, write.Created, MongoResourceDocuments.Storable(write.Key.Type, write.Document));
    }

    public async Task<StoredResource> UpdateAsync(ResourceUpdate update, long? expectedVersion, MongoDeadline deadline, CancellationToken cancellationToken)
    {
        var delta = update.Members is { IsEmpty: false } members ? members : null;
        IReadOnlyDictionary<string, string> known = delta is { Add.Count: > 0 }
            ? await memberships.ResolveAsync(update.Key.Tenant, delta.Add, MongoTransactions.Reads(deadline), cancellationToken).ConfigureAwait(false)
            : new Dictionary<string, string>();
        var change = MongoResourceDocuments.ForUpdate(update);
        try
        {
            return await transactions.WriteAsync(
                async (session, token) =>
                {
                    var stored = await CompareAndSwapAsync(session, update.Key, expectedVersion, change, token).ConfigureAwait(false);
                    IReadOnlyCollection<string>? cleared = null;
                    if (delta is not null)
                    {
                        cleared = delta.RemoveAll ? await memberships.MemberIdsAsync(session, update.Key, token).ConfigureAwait(false) : null;
                        await memberships.ApplyAsync(session, update.Key, delta, known, token).ConfigureAwait(false);
                    }

                    var updated = MongoResourceDocuments.Read(stored);

                    // The update $inc-ed the version of this one document atomically: it replaced the one before.
                    await audit.RecordAsync(session, update.Key, update.Audit, updated.Version - 1, updated.Version, token).ConfigureAwait(false);
                    await events.RecordAsync(
                        session,
                        ChangeRecords.ForWrite(update.Key, update.Audit, ChangeOperation.Patch, updated.Version, update.LastModified, delta, cleared),
                        token).ConfigureAwait(false);
                    return updated;
                },
                atomic: true,
                deadline,
                cancellationToken).ConfigureAwait(false);
        }
        catch (MongoException exception) when (MongoDuplicateKeys.IsDuplicateKey(exception))
        {
            throw await duplicateKeys.ToScimExceptionAsync(exception, update.Key, update.Document, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A conditional write matched nothing: one re-read tells a missing resource (404) from a newer version (412).</summary>
    public async Task<ScimException> MissOfAsync(MongoSession session, ResourceKey key, CancellationToken cancellationToken)
    {
        var current = await session.Find(collections.Resources, MongoFields.ByKey(key))
            .Project(new BsonDocument(MongoFields.Version, 1))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return current is null ? ScimErrors.NotFound(key) : ScimErrors.VersionMismatch(current[MongoFields.Version].ToInt64());
    }

    // A compare-and-swap when a version is expected; without one (a membership-only change) the filter is the key alone.
    private async Task<BsonDocument> CompareAndSwapAsync(
        MongoSession session, ResourceKey key, long? expectedVersion, BsonDocument change, CancellationToken cancellationToken)
    {
        var filter = MongoFields.ByKey(key);
        if (expectedVersion is { } expected)
        {
            filter.Add(MongoFields.Version, expected);
        }

        var stored = await session.FindOneAndUpdateAsync(collections.Resources, filter, change, MongoResourceDocuments.Projection, cancellationToken)
            .ConfigureAwait(false);
        if (stored is not null)
        {
            return stored;
        }

        throw expectedVersion is null ? ScimErrors.NotFound(key) : await MissOfAsync(session, key, cancellationToken).ConfigureAwait(false);
    }
}
