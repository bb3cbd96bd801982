using MongoDB.Bson;
using MongoDB.Driver;
using Scim.Api.Core.Events;
using Scim.Api.Core.Storage;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// Removes what has outlived its retention. Every replica runs the purger, and an administrator may restore and
/// delete a resource again at any moment, so each step is conditional and idempotent:
/// <list type="number">
/// <item>A tombstone found expired is first claimed: <c>purging</c> is set only if it is still the tombstone found
/// (same key, same deletion time). A restore refuses a claimed tombstone, and a claim fails on a tombstone restored
/// (and perhaps deleted again) since it was found, which is then left alone.</item>
/// <item>The rows naming the resource are deleted in batches, its audit values erased if asked.</item>
/// <item>The tombstone goes last, again conditional on its deletion time: a purge cut short leaves a claimed
/// tombstone, which the next purge finds and finishes; two purgers doing the same work only repeat it.</item>
/// </list>
/// The rows of a group of a million members are deleted a batch at a time, outside any transaction; the last step,
/// the tombstone's delete, runs in a transaction with its purge event. Change events past their retention go too,
/// except each tenant's newest (<see cref="PurgeRequest.EventsRecordedBefore"/>).
/// </summary>
internal sealed class MongoPurger(MongoCollections collections, MongoTombstoneWriter tombstones, MongoTransactions transactions, MongoEventWriter events)
{
    public async Task<PurgeResult> PurgeAsync(PurgeRequest request, DateTimeOffset now, MongoDeadline deadline, CancellationToken cancellationToken)
    {
        var session = MongoTransactions.Reads(deadline);
        await tombstones.FinishPendingAsync(request.BatchSize, deadline, now, cancellationToken).ConfigureAwait(false);
        var expired = await session.Find(
                collections.Tombstones, new BsonDocument(MongoFields.DeletedAtTicks, new BsonDocument("$lt", request.TombstonesDeletedBefore.UtcTicks)))
            .Sort(new BsonDocument(MongoFields.DeletedAtTicks, 1))
            .Limit(request.BatchSize)
            .Project(new BsonDocument { { MongoFields.Id, 1 }, { MongoFields.DeletedAtTicks, 1 }, { MongoFields.Version, 1 } })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var purged = 0;
        foreach (var tombstone in expired)
        {
            var key = tombstone[MongoFields.Id].AsBsonDocument;
            var found = MongoFields.ByKey(key["t"].AsString, key["rt"].AsString, key["id"].AsString)
                .Add(MongoFields.DeletedAtTicks, tombstone[MongoFields.DeletedAtTicks]);
            var claim = await session.UpdateOneAsync(
                collections.Tombstones, found, new BsonDocument("$set", new BsonDocument(MongoFields.Purging, true)), cancellationToken).ConfigureAwait(false);
            if (claim.MatchedCount == 0)
            {
                continue;
            }

            await DeleteInBatchesAsync(session, collections.TombstoneMemberships, KeptNaming(key["t"].AsString, key["id"].AsString), cancellationToken).ConfigureAwait(false);
            if (request.EraseAuditValuesOfPurged)
            {
                await session.UpdateManyAsync(
                    collections.Audit,
                    new BsonDocument
                    {
                        { MongoFields.AuditTenant, key["t"] },
                        { MongoFields.AuditResourceType, key["rt"] },
                        { MongoFields.AuditResourceId, key["id"] },
                        { MongoFields.AuditValues, new BsonDocument("$exists", true) },
                    },
                    new BsonDocument("$unset", new BsonDocument(MongoFields.AuditValues, "")),
                    cancellationToken).ConfigureAwait(false);
                await session.UpdateManyAsync(
                    collections.Events,
                    MongoEventDocuments.WithValuesOf(key["t"].AsString, key["rt"].AsString, key["id"].AsString),
                    new BsonDocument("$unset", new BsonDocument(MongoFields.EventValues, "")),
                    cancellationToken).ConfigureAwait(false);
            }

            var purge = ChangeRecords.ForPurge(key["t"].AsString, key["rt"].AsString, key["id"].AsString, tombstone[MongoFields.Version].ToInt64(), now);
            purged += await transactions.WriteAsync(
                async (inTransaction, token) =>
                {
                    if ((await inTransaction.DeleteOneAsync(collections.Tombstones, found, token).ConfigureAwait(false)).DeletedCount == 0)
                    {
                        return 0;
                    }

                    await events.RecordAsync(inTransaction, purge, token).ConfigureAwait(false);
                    return 1;
                },
                atomic: true,
                deadline,
                cancellationToken).ConfigureAwait(false);
        }

        var oldAudit = await session.Find(collections.Audit, new BsonDocument(MongoFields.AuditAtTicks, new BsonDocument("$lt", request.AuditRecordedBefore.UtcTicks)))
            .Sort(new BsonDocument { { MongoFields.AuditAtTicks, 1 }, { MongoFields.Id, 1 } })
            .Limit(request.BatchSize)
            .Project(new BsonDocument(MongoFields.Id, 1))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var deleted = oldAudit.Count == 0
            ? 0
            : (await session.DeleteManyAsync(
                collections.Audit, new BsonDocument(MongoFields.Id, new BsonDocument("$in", new BsonArray(oldAudit.Select(record => record[MongoFields.Id])))),
                cancellationToken).ConfigureAwait(false)).DeletedCount;
        var oldEvents = request.EventsRecordedBefore is { } before
            ? await PurgeEventsAsync(session, before, request.BatchSize, cancellationToken).ConfigureAwait(false)
            : 0;
        return new PurgeResult(
            purged, (int)deleted, expired.Count < request.BatchSize && oldAudit.Count < request.BatchSize && oldEvents < request.BatchSize, oldEvents);
    }

    // The oldest events first (the age index), sparing each tenant's newest: its counter already holds the next position,
    // but a tenant's newest event shows readers where the log ends.
    private async Task<int> PurgeEventsAsync(MongoSession session, DateTimeOffset before, int batchSize, CancellationToken cancellationToken)
    {
        var old = await session.Find(collections.Events, new BsonDocument(MongoFields.EventAtTicks, new BsonDocument("$lt", before.UtcTicks)))
            .Sort(new BsonDocument { { MongoFields.EventAtTicks, 1 }, { MongoFields.Id, 1 } })
            .Limit(batchSize)
            .Project(new BsonDocument { { MongoFields.Id, 1 }, { MongoFields.EventTenant, 1 }, { MongoFields.EventPosition, 1 } })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var removable = new List<BsonValue>();
        foreach (var tenant in old.GroupBy(e => e[MongoFields.EventTenant].AsString, StringComparer.Ordinal))
        {
            var counter = await session.Find(collections.EventPositions, MongoEventDocuments.Counter(tenant.Key)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            var last = counter?[MongoFields.PositionLast].ToInt64() ?? long.MaxValue;
            removable.AddRange(tenant.Where(e => e[MongoFields.EventPosition].ToInt64() < last).Select(e => e[MongoFields.Id]));
        }

        if (removable.Count > 0)
        {
            await session.DeleteManyAsync(collections.Events, new BsonDocument(MongoFields.Id, new BsonDocument("$in", new BsonArray(removable))), cancellationToken)
                .ConfigureAwait(false);
        }

        return removable.Count;
    }

    private static async Task DeleteInBatchesAsync(
        MongoSession session, IMongoCollection<BsonDocument> collection, BsonDocument filter, CancellationToken cancellationToken)
    {
        while (true)
        {
            var batch = await session.Find(collection, filter).Project(new BsonDocument(MongoFields.Id, 1)).Limit(MongoRelationships.BatchSize)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return;
            }

            await session.DeleteManyAsync(
                collection, new BsonDocument(MongoFields.Id, new BsonDocument("$in", new BsonArray(batch.Select(row => row[MongoFields.Id])))),
                cancellationToken).ConfigureAwait(false);
        }
    }

    // A purged resource is gone for good: no tombstone keeps a membership naming it either.
    private static BsonDocument KeptNaming(string tenant, string id) => new()
    {
        { MongoFields.MembershipTenant, tenant },
        {
            "$or", new BsonArray
            {
                new BsonDocument(MongoFields.MembershipOwner, id),
                new BsonDocument(MongoFields.MembershipGroup, id),
                new BsonDocument(MongoFields.MembershipMember, id),
            }
        },
    };
}
