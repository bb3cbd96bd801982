using MongoDB.Bson;
using MongoDB.Driver;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Storage;

namespace Scim.Api.Storage.Mongo;

/// <summary>Soft delete, restore, the listing of tombstones and their purge.</summary>
public sealed partial class MongoResourceStore
{
    public Task DeleteAsync(ResourceDeletion deletion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deletion);
        var key = deletion.Key;
        return RunAsync(
            async token =>
            {
                await WriteAsync(
                    async (session, ct) =>
                    {
                        await BuryAsync(session, deletion, ct).ConfigureAwait(false);
                        return true;
                    },
                    key,
                    null,
                    atomic: true,
                    token).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    public Task<StoredResource> RestoreAsync(ResourceRestore restore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(restore);
        return RunAsync(
            token => WriteAsync((session, ct) => ReviveAsync(session, restore, ct), restore.Key, null, atomic: true, token),
            cancellationToken);
    }

    public Task<TombstonePage> ListDeletedAsync(DeletedQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return RunAsync(
            async token =>
            {
                var filter = new BsonDocument
                {
                    { MongoFields.Tenant, query.Tenant },
                    { MongoFields.DeletedAtTicks, new BsonDocument("$gte", query.DeletedSince.UtcTicks) },
                };
                if (query.Type is not null)
                {
                    filter.Add(MongoFields.ResourceType, query.Type.Name);
                }

                var total = await _tombstones.CountDocumentsAsync(filter, cancellationToken: token).ConfigureAwait(false);
                if (query.Page.Count <= 0 || query.Page.Offset >= total)
                {
                    return new TombstonePage(total, []);
                }

                var page = await _tombstones.Find(filter)
                    .Sort(MongoTombstoneDocuments.NewestFirst)
                    .Skip((int)query.Page.Offset)
                    .Limit(query.Page.Count)
                    .Project(new BsonDocument(MongoFields.Document, 0).Add(MongoFields.Unique, 0))
                    .ToListAsync(token).ConfigureAwait(false);
                return new TombstonePage(total, [.. page.Select(MongoTombstoneDocuments.Read)]);
            },
            cancellationToken);
    }

    /// <summary>
    /// Not transactional: each step is idempotent and the tombstone goes last, so a purge cut short is finished by
    /// the next one.
    /// </summary>
    public Task<PurgeResult> PurgeAsync(PurgeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.BatchSize, "request.BatchSize");
        return RunAsync(
            async token =>
            {
                var expired = await _tombstones.Find(new BsonDocument(MongoFields.DeletedAtTicks, new BsonDocument("$lt", request.TombstonesDeletedBefore.UtcTicks)))
                    .Sort(new BsonDocument(MongoFields.DeletedAtTicks, 1))
                    .Limit(request.BatchSize)
                    .Project(new BsonDocument(MongoFields.Id, 1))
                    .ToListAsync(token).ConfigureAwait(false);
                foreach (var tombstone in expired)
                {
                    var key = tombstone[MongoFields.Id].AsBsonDocument;
                    var tenant = key["t"].AsString;
                    var id = key["id"].AsString;
                    await _tombstoneMemberships.DeleteManyAsync(KeptNaming(tenant, id), token).ConfigureAwait(false);
                    if (request.EraseAuditValuesOfPurged)
                    {
                        await _audit.UpdateManyAsync(
                            new BsonDocument
                            {
                                { MongoFields.AuditTenant, tenant },
                                { MongoFields.AuditResourceType, key["rt"].AsString },
                                { MongoFields.AuditResourceId, id },
                                { MongoFields.AuditValues, new BsonDocument("$exists", true) },
                            },
                            new BsonDocument("$unset", new BsonDocument(MongoFields.AuditValues, "")),
                            cancellationToken: token).ConfigureAwait(false);
                    }

                    await _tombstones.DeleteOneAsync(new BsonDocument(MongoFields.Id, key), token).ConfigureAwait(false);
                }

                var oldAudit = await _audit.Find(new BsonDocument(MongoFields.AuditAtTicks, new BsonDocument("$lt", request.AuditRecordedBefore.UtcTicks)))
                    .Sort(new BsonDocument(MongoFields.AuditAtTicks, 1))
                    .Limit(request.BatchSize)
                    .Project(new BsonDocument(MongoFields.Id, 1))
                    .ToListAsync(token).ConfigureAwait(false);
                var deleted = oldAudit.Count == 0
                    ? 0
                    : (await _audit.DeleteManyAsync(
                        new BsonDocument(MongoFields.Id, new BsonDocument("$in", new BsonArray(oldAudit.Select(record => record[MongoFields.Id])))),
                        token).ConfigureAwait(false)).DeletedCount;
                return new PurgeResult(expired.Count, (int)deleted, expired.Count < request.BatchSize && oldAudit.Count < request.BatchSize);
            },
            cancellationToken);
    }

    // The tombstone is written before the live resource goes, so no step order loses the resource on a standalone
    // server; in a transaction the order does not matter.
    private async Task BuryAsync(IClientSessionHandle? session, ResourceDeletion deletion, CancellationToken cancellationToken)
    {
        var key = deletion.Key;
        var filter = new BsonDocument(MongoFields.Id, MongoFields.KeyOf(key));
        if (deletion.ExpectedVersion is { } expected)
        {
            filter.Add(MongoFields.Version, expected);
        }

        var resource = await Find(_resources, session, filter).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? throw await MissOfAsync(session, key, cancellationToken).ConfigureAwait(false);
        var version = resource[MongoFields.Version].ToInt64();
        var tombstoneKey = new BsonDocument(MongoFields.Id, MongoFields.KeyOf(key));

        // Ids are the server's (GUIDs), but the store contract lets a caller reuse one: a newer tombstone of the same
        // key replaces the older one with the rows it kept.
        if (await Find(_tombstones, session, tombstoneKey).Project(new BsonDocument(MongoFields.Id, 1)).AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            await DeleteManyAsync(_tombstoneMemberships, session, KeptBy(key.Tenant, key.Id), cancellationToken).ConfigureAwait(false);
        }

        var replace = new ReplaceOptions { IsUpsert = true };
        var tombstone = MongoTombstoneDocuments.ForDeletion(resource, deletion.DeletedAt);
        _ = session is null
            ? await _tombstones.ReplaceOneAsync(tombstoneKey, tombstone, replace, cancellationToken).ConfigureAwait(false)
            : await _tombstones.ReplaceOneAsync(session, tombstoneKey, tombstone, replace, cancellationToken).ConfigureAwait(false);

        var live = new BsonDocument { { MongoFields.Id, MongoFields.KeyOf(key) }, { MongoFields.Version, version } };
        var removed = session is null
            ? await _resources.DeleteOneAsync(live, cancellationToken).ConfigureAwait(false)
            : await _resources.DeleteOneAsync(session, live, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (removed.DeletedCount == 0)
        {
            // Changed between the read and the delete (standalone server only): take the tombstone back and report.
            await DeleteManyAsync(_tombstones, session, tombstoneKey, cancellationToken).ConfigureAwait(false);
            throw await MissOfAsync(session, key, cancellationToken).ConfigureAwait(false);
        }

        var naming = LiveNaming(key.Tenant, key.Id);
        var rows = await Find(_memberships, session, naming).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (rows.Count > 0)
        {
            var kept = rows.Select(row => MongoTombstoneDocuments.HandedOver(row, key.Id))
                .Select(upsert => new UpdateOneModel<BsonDocument>(upsert.Filter, upsert.Update) { IsUpsert = true });
            await BulkUpsertAsync(_tombstoneMemberships, session, [.. kept], cancellationToken).ConfigureAwait(false);
        }

        // The groups that lose a member change: their versions move on (their ETags must change).
        await TouchGroupsOfAsync(session, key, deletion.DeletedAt, cancellationToken).ConfigureAwait(false);
        await DeleteManyAsync(_memberships, session, naming, cancellationToken).ConfigureAwait(false);
        await RecordAuditAsync(session, key, deletion.Audit, version, null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<StoredResource> ReviveAsync(IClientSessionHandle? session, ResourceRestore restore, CancellationToken cancellationToken)
    {
        var key = restore.Key;
        var tombstoneKey = new BsonDocument(MongoFields.Id, MongoFields.KeyOf(key));
        var restorable = new BsonDocument(tombstoneKey) { { MongoFields.DeletedAtTicks, new BsonDocument("$gte", restore.DeletedSince.UtcTicks) } };
        var tombstone = await Find(_tombstones, session, restorable).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? throw ScimException.NotFound(
                $"{key.Type.Name} '{key.Id}' has no tombstone deleted since {restore.DeletedSince.UtcDateTime:O}: it was never deleted, "
                + "is restored already, or is past its retention.");
        var resource = MongoTombstoneDocuments.ForRestore(tombstone, restore.RestoredAt);
        try
        {
            await InsertAsync(session, resource, cancellationToken).ConfigureAwait(false);
        }
        catch (MongoException exception) when (MongoDuplicateKeys.IsDuplicateKey(exception))
        {
            throw _duplicateKeys.ToScimException(exception, key, MongoJsonConverter.ToJson(resource[MongoFields.Document].AsBsonDocument));
        }

        var kept = await Find(_tombstoneMemberships, session, KeptBy(key.Tenant, key.Id)).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (kept.Count > 0)
        {
            await ReturnMembershipsAsync(session, key, kept, restore.RestoredAt, cancellationToken).ConfigureAwait(false);
            await DeleteManyAsync(_tombstoneMemberships, session, KeptBy(key.Tenant, key.Id), cancellationToken).ConfigureAwait(false);
        }

        await DeleteManyAsync(_tombstones, session, tombstoneKey, cancellationToken).ConfigureAwait(false);
        var restored = MongoResourceDocuments.Read(resource);
        await RecordAuditAsync(session, key, restore.Audit, restored.Version - 1, restored.Version, cancellationToken).ConfigureAwait(false);
        return restored;
    }

    // Rows whose other side is deleted too wait in that side's tombstone; rows whose group no longer exists at all
    // (purged) are dropped; the others return, and the groups the resource rejoins get new versions.
    private async Task ReturnMembershipsAsync(
        IClientSessionHandle? session, ResourceKey key, List<BsonDocument> kept, DateTimeOffset restoredAt, CancellationToken cancellationToken)
    {
        var counterparts = kept.Select(row => OtherSide(row, key.Id)).Where(id => id != key.Id).Distinct(StringComparer.Ordinal).ToList();
        var buried = await IdsOfAsync(_tombstones, session, key.Tenant, counterparts, cancellationToken).ConfigureAwait(false);
        var groups = kept.Select(row => row[MongoFields.MembershipGroup].AsString).Where(id => id != key.Id).Distinct(StringComparer.Ordinal).ToList();
        var liveGroups = await IdsOfAsync(_resources, session, key.Tenant, groups, cancellationToken).ConfigureAwait(false);

        var returning = new List<WriteModel<BsonDocument>>();
        var handedOver = new List<WriteModel<BsonDocument>>();
        var rejoined = new List<string>();
        foreach (var row in kept)
        {
            var other = OtherSide(row, key.Id);
            var group = row[MongoFields.MembershipGroup].AsString;
            if (other != key.Id && buried.Contains(other))
            {
                var upsert = MongoTombstoneDocuments.HandedOver(row, other);
                handedOver.Add(new UpdateOneModel<BsonDocument>(upsert.Filter, upsert.Update) { IsUpsert = true });
            }
            else if (group == key.Id || liveGroups.Contains(group))
            {
                var upsert = MongoTombstoneDocuments.LiveMembership(row);
                returning.Add(new UpdateOneModel<BsonDocument>(upsert.Filter, upsert.Update) { IsUpsert = true });
                if (group != key.Id)
                {
                    rejoined.Add(group);
                }
            }
        }

        await BulkUpsertAsync(_tombstoneMemberships, session, handedOver, cancellationToken).ConfigureAwait(false);
        await BulkUpsertAsync(_memberships, session, returning, cancellationToken).ConfigureAwait(false);
        await TouchGroupsAsync(session, key.Tenant, rejoined, restoredAt, cancellationToken).ConfigureAwait(false);
    }

    private static string OtherSide(BsonDocument row, string id)
    {
        var group = row[MongoFields.MembershipGroup].AsString;
        return group == id ? row[MongoFields.MembershipMember].AsString : group;
    }

    private static async Task<HashSet<string>> IdsOfAsync(
        IMongoCollection<BsonDocument> collection, IClientSessionHandle? session, string tenant, List<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var filter = new BsonDocument
        {
            { MongoFields.Tenant, tenant },
            { MongoFields.ResourceId, new BsonDocument("$in", new BsonArray(ids)) },
        };
        var found = await Find(collection, session, filter).Project(new BsonDocument(MongoFields.Id, 1)).ToListAsync(cancellationToken).ConfigureAwait(false);
        return found.Select(document => document[MongoFields.Id]["id"].AsString).ToHashSet(StringComparer.Ordinal);
    }

    private static BsonDocument LiveNaming(string tenant, string id) => new()
    {
        { MongoFields.MembershipTenant, tenant },
        { "$or", new BsonArray { new BsonDocument(MongoFields.MembershipGroup, id), new BsonDocument(MongoFields.MembershipMember, id) } },
    };

    private static BsonDocument KeptBy(string tenant, string ownerId) =>
        new() { { MongoFields.MembershipTenant, tenant }, { MongoFields.MembershipOwner, ownerId } };

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

    private static IFindFluent<BsonDocument, BsonDocument> Find(
        IMongoCollection<BsonDocument> collection, IClientSessionHandle? session, BsonDocument filter) =>
        session is null ? collection.Find(filter) : collection.Find(session, filter);

    private static async Task DeleteManyAsync(
        IMongoCollection<BsonDocument> collection, IClientSessionHandle? session, BsonDocument filter, CancellationToken cancellationToken) =>
        _ = session is null
            ? await collection.DeleteManyAsync(filter, cancellationToken).ConfigureAwait(false)
            : await collection.DeleteManyAsync(session, filter, cancellationToken: cancellationToken).ConfigureAwait(false);

    private static async Task BulkUpsertAsync(
        IMongoCollection<BsonDocument> collection, IClientSessionHandle? session, List<WriteModel<BsonDocument>> upserts, CancellationToken cancellationToken)
    {
        if (upserts.Count == 0)
        {
            return;
        }

        var options = new BulkWriteOptions { IsOrdered = false };
        _ = session is null
            ? await collection.BulkWriteAsync(upserts, options, cancellationToken).ConfigureAwait(false)
            : await collection.BulkWriteAsync(session, upserts, options, cancellationToken).ConfigureAwait(false);
    }
}
