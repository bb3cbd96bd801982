using MongoDB.Bson;
using MongoDB.Driver;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Events;
using Scim.Api.Core.Storage;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// Soft delete and restore. A delete moves the resource to a tombstone and every membership row naming it to
/// <c>tombstoneMemberships</c>; a restore brings both back. The tombstone is written before the live resource goes,
/// so no step order loses the resource even without a transaction.
/// <para>
/// Up to <see cref="MongoStoreOptions.MaxMembershipRowsPerTransaction"/> rows move in the transaction of the resource.
/// More (a group of a million members) would make one transaction too large and too long, so then the transaction
/// moves the resource and marks it <c>rowsPending</c>, and the rows follow in batches, each idempotent, within the
/// call's budget; what a crash or the budget leaves is finished by the next purge (<see cref="FinishPendingAsync"/>),
/// and a restore finishes a burial before it starts. Meanwhile a deleted group's rows may still be seen by
/// <c>groups</c> filters on its members (never by reads, which show only live groups).
/// </para>
/// <para>
/// Every change writes its event in its transaction, and so does each group that loses a deleted member or gets a
/// restored one back. The group events of rows moved in batches after the transaction are written with each batch:
/// a batch repeated after a crash may write a group's event twice (at-least-once, as delivery is).
/// </para>
/// </summary>
internal sealed class MongoTombstoneWriter(
    MongoCollections collections,
    MongoTransactions transactions,
    MongoMembershipWriter memberships,
    MongoResourceWriter resources,
    MongoAuditWriter audit,
    MongoEventWriter events,
    MongoDuplicateKeys duplicateKeys,
    MongoTypes types,
    int maxRowsPerTransaction)
{
    private static readonly TimeSpan BatchReserve = TimeSpan.FromSeconds(1);

    public async Task DeleteAsync(ResourceDeletion deletion, MongoDeadline deadline, CancellationToken cancellationToken)
    {
        var key = deletion.Key;
        var pending = await transactions.WriteAsync(
            async (session, token) =>
            {
                var filter = MongoFields.ByKey(key);
                if (deletion.ExpectedVersion is { } expected)
                {
                    filter.Add(MongoFields.Version, expected);
                }

                var resource = await session.Find(collections.Resources, filter).FirstOrDefaultAsync(token).ConfigureAwait(false)
                    ?? throw await resources.MissOfAsync(session, key, token).ConfigureAwait(false);
                var version = resource[MongoFields.Version].ToInt64();
                var tombstoneKey = MongoFields.ByKey(key);

                // Ids are the server's (GUIDs), but the store contract lets a caller reuse one: a newer tombstone of the
                // same key replaces the older one with the rows it kept.
                if (await session.Find(collections.Tombstones, tombstoneKey).Project(new BsonDocument(MongoFields.Id, 1)).AnyAsync(token).ConfigureAwait(false))
                {
                    await session.DeleteManyAsync(collections.TombstoneMemberships, KeptBy(key.Tenant, key.Id), token).ConfigureAwait(false);
                }

                var rows = await session.Find(collections.Memberships, MongoMemberships.Naming(key.Tenant, key.Id))
                    .Limit(maxRowsPerTransaction + 1).ToListAsync(token).ConfigureAwait(false);
                var batched = rows.Count > maxRowsPerTransaction;
                var tombstone = MongoTombstoneDocuments.ForDeletion(resource, deletion.DeletedAt);
                if (batched)
                {
                    tombstone[MongoFields.RowsPending] = true;
                }

                await session.UpsertAsync(collections.Tombstones, tombstoneKey, tombstone, token).ConfigureAwait(false);
                var live = MongoFields.ByKey(key).Add(MongoFields.Version, version);
                if ((await session.DeleteOneAsync(collections.Resources, live, token).ConfigureAwait(false)).DeletedCount == 0)
                {
                    // Changed between the read and the delete (possible only without a transaction): take the tombstone back.
                    await session.DeleteOneAsync(collections.Tombstones, tombstoneKey, token).ConfigureAwait(false);
                    throw await resources.MissOfAsync(session, key, token).ConfigureAwait(false);
                }

                if (!batched)
                {
                    await HandOverAsync(session, key.Tenant, key.Id, rows, deletion.DeletedAt, token).ConfigureAwait(false);
                }

                await audit.RecordAsync(session, key, deletion.Audit, version, null, token).ConfigureAwait(false);
                await events.RecordAsync(session, ChangeRecords.ForDelete(deletion, version), token).ConfigureAwait(false);
                return batched;
            },
            atomic: true,
            deadline,
            cancellationToken).ConfigureAwait(false);
        if (pending)
        {
            await FinishBurialAsync(key.Tenant, key.Type.Name, key.Id, deletion.DeletedAt, deadline, untilDone: false, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<StoredResource> RestoreAsync(ResourceRestore restore, MongoDeadline deadline, CancellationToken cancellationToken)
    {
        var key = restore.Key;
        var reads = MongoTransactions.Reads(deadline);
        var pendingBurial = await reads.Find(collections.Tombstones, MongoFields.ByKey(key).Add(MongoFields.RowsPending, true))
            .Project(new BsonDocument(MongoFields.Id, 1)).AnyAsync(cancellationToken).ConfigureAwait(false);
        if (pendingBurial)
        {
            await FinishBurialAsync(key.Tenant, key.Type.Name, key.Id, restore.RestoredAt, deadline, untilDone: true, cancellationToken).ConfigureAwait(false);
        }

        var keptCount = (await reads.Find(collections.TombstoneMemberships, KeptBy(key.Tenant, key.Id))
            .Project(new BsonDocument(MongoFields.Id, 1)).Limit(maxRowsPerTransaction + 1).ToListAsync(cancellationToken).ConfigureAwait(false)).Count;
        var batched = keptCount > maxRowsPerTransaction;
        BsonDocument? inserted = null;
        StoredResource restored;
        try
        {
            restored = await transactions.WriteAsync(
                async (session, token) =>
                {
                    var restorable = MongoFields.ByKey(key)
                        .Add(MongoFields.DeletedAtTicks, new BsonDocument("$gte", restore.DeletedSince.UtcTicks))
                        .Add(MongoFields.Purging, new BsonDocument("$exists", false));
                    var tombstone = await session.Find(collections.Tombstones, restorable).FirstOrDefaultAsync(token).ConfigureAwait(false)
                        ?? throw NoTombstone(restore);
                    var resource = MongoTombstoneDocuments.ForRestore(tombstone, restore.RestoredAt);
                    if (batched)
                    {
                        resource[MongoFields.RowsPending] = true;
                    }

                    inserted = resource;
                    await session.InsertOneAsync(collections.Resources, resource, token).ConfigureAwait(false);
                    if (!batched)
                    {
                        var kept = await session.Find(collections.TombstoneMemberships, KeptBy(key.Tenant, key.Id)).ToListAsync(token).ConfigureAwait(false);
                        await ReturnAsync(session, key.Tenant, key.Id, kept, restore.RestoredAt, token).ConfigureAwait(false);
                    }

                    // Conditional on the very tombstone read: a purge that claimed it meanwhile makes this a 404.
                    var claimed = MongoFields.ByKey(key)
                        .Add(MongoFields.DeletedAtTicks, tombstone[MongoFields.DeletedAtTicks])
                        .Add(MongoFields.Purging, new BsonDocument("$exists", false));
                    if ((await session.DeleteOneAsync(collections.Tombstones, claimed, token).ConfigureAwait(false)).DeletedCount == 0)
                    {
                        throw NoTombstone(restore);
                    }

                    var result = MongoResourceDocuments.Read(resource);
                    await audit.RecordAsync(session, key, restore.Audit, result.Version - 1, result.Version, token).ConfigureAwait(false);
                    await events.RecordAsync(session, ChangeRecords.ForRestore(restore, result.Version), token).ConfigureAwait(false);
                    return result;
                },
                atomic: true,
                deadline,
                cancellationToken).ConfigureAwait(false);
        }
        catch (MongoException exception) when (MongoDuplicateKeys.IsDuplicateKey(exception))
        {
            var document = inserted is null ? null : MongoJsonConverter.ToJson(inserted[MongoFields.Document].AsBsonDocument);
            throw await duplicateKeys.ToScimExceptionAsync(exception, key, document, cancellationToken).ConfigureAwait(false);
        }

        if (batched)
        {
            await FinishReturnAsync(key.Tenant, key.Type.Name, key.Id, restore.RestoredAt, deadline, untilDone: false, cancellationToken).ConfigureAwait(false);
        }

        return restored;
    }

    /// <summary>Finishes, a batch at a time, the row moves a crash or a call's budget left unfinished.</summary>
    public async Task FinishPendingAsync(int limit, MongoDeadline deadline, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reads = MongoTransactions.Reads(deadline);
        var pending = new BsonDocument(MongoFields.RowsPending, new BsonDocument("$exists", true));
        foreach (var tombstone in await reads.Find(collections.Tombstones, pending).Limit(limit).Project(new BsonDocument(MongoFields.Id, 1))
            .ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            var key = tombstone[MongoFields.Id].AsBsonDocument;
            await FinishBurialAsync(key["t"].AsString, key["rt"].AsString, key["id"].AsString, now, deadline, untilDone: false, cancellationToken).ConfigureAwait(false);
        }

        foreach (var resource in await reads.Find(collections.Resources, pending).Limit(limit).Project(new BsonDocument(MongoFields.Id, 1))
            .ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            var key = resource[MongoFields.Id].AsBsonDocument;
            await FinishReturnAsync(key["t"].AsString, key["rt"].AsString, key["id"].AsString, now, deadline, untilDone: false, cancellationToken).ConfigureAwait(false);
        }
    }

    // Moves the rows naming a buried resource to its tombstone, a batch at a time (each batch idempotent: rows are
    // kept before they are deleted), while the budget lasts unless untilDone.
    private async Task FinishBurialAsync(
        string tenant, string type, string id, DateTimeOffset now, MongoDeadline deadline, bool untilDone, CancellationToken cancellationToken)
    {
        var session = MongoTransactions.Reads(deadline);
        while (untilDone || deadline.Remaining() > BatchReserve)
        {
            var rows = await session.Find(collections.Memberships, MongoMemberships.Naming(tenant, id))
                .Limit(MongoRelationships.BatchSize).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (rows.Count == 0)
            {
                await session.UpdateOneAsync(
                    collections.Tombstones,
                    MongoFields.ByKey(tenant, type, id),
                    new BsonDocument("$unset", new BsonDocument(MongoFields.RowsPending, "")),
                    cancellationToken).ConfigureAwait(false);
                return;
            }

            await HandOverAsync(session, tenant, id, rows, now, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task FinishReturnAsync(
        string tenant, string type, string id, DateTimeOffset now, MongoDeadline deadline, bool untilDone, CancellationToken cancellationToken)
    {
        var session = MongoTransactions.Reads(deadline);
        while (untilDone || deadline.Remaining() > BatchReserve)
        {
            var kept = await session.Find(collections.TombstoneMemberships, KeptBy(tenant, id))
                .Limit(MongoRelationships.BatchSize).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (kept.Count == 0)
            {
                await session.UpdateOneAsync(
                    collections.Resources,
                    MongoFields.ByKey(tenant, type, id),
                    new BsonDocument("$unset", new BsonDocument(MongoFields.RowsPending, "")),
                    cancellationToken).ConfigureAwait(false);
                return;
            }

            await ReturnAsync(session, tenant, id, kept, now, cancellationToken).ConfigureAwait(false);
        }
    }

    // Rows naming the resource: kept with its tombstone, then taken out of the live memberships; the groups that lose
    // the resource as a member get new versions (their ETags must change).
    private async Task HandOverAsync(
        MongoSession session, string tenant, string id, List<BsonDocument> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var kept = rows.Select(row => MongoTombstoneDocuments.HandedOver(row, id))
            .Select(upsert => (WriteModel<BsonDocument>)new UpdateOneModel<BsonDocument>(upsert.Filter, upsert.Update) { IsUpsert = true })
            .ToList();
        await session.BulkWriteAsync(collections.TombstoneMemberships, kept, cancellationToken).ConfigureAwait(false);
        var groupsLosingAMember = rows.Where(row => row[MongoFields.MembershipMember].AsString == id).Select(row => row[MongoFields.MembershipGroup].AsString);
        var touched = await memberships.TouchGroupsAsync(session, tenant, groupsLosingAMember, now, cancellationToken).ConfigureAwait(false);
        await RecordGroupEventsAsync(session, tenant, touched, now, id, added: false, cancellationToken).ConfigureAwait(false);
        await session.DeleteManyAsync(collections.Memberships, ById(rows), cancellationToken).ConfigureAwait(false);
    }

    // Kept rows whose other side is deleted too wait in that side's tombstone; rows whose group no longer exists at all
    // (purged) are dropped; the others return, and the groups the resource rejoins get new versions.
    private async Task ReturnAsync(
        MongoSession session, string tenant, string id, List<BsonDocument> kept, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (kept.Count == 0)
        {
            return;
        }

        var counterparts = kept.Select(row => OtherSide(row, id)).Where(other => other != id).Distinct(StringComparer.Ordinal).ToList();
        var buried = await IdsAmongAsync(session, collections.Tombstones, tenant, types.AllNames, counterparts, cancellationToken).ConfigureAwait(false);
        var groups = kept.Select(row => row[MongoFields.MembershipGroup].AsString).Where(group => group != id).Distinct(StringComparer.Ordinal).ToList();
        var liveGroups = await IdsAmongAsync(session, collections.Resources, tenant, types.GroupNames, groups, cancellationToken).ConfigureAwait(false);

        var returning = new List<WriteModel<BsonDocument>>();
        var handedOver = new List<WriteModel<BsonDocument>>();
        var rejoined = new List<string>();
        foreach (var row in kept)
        {
            var other = OtherSide(row, id);
            var group = row[MongoFields.MembershipGroup].AsString;
            if (other != id && buried.Contains(other))
            {
                var upsert = MongoTombstoneDocuments.HandedOver(row, other);
                handedOver.Add(new UpdateOneModel<BsonDocument>(upsert.Filter, upsert.Update) { IsUpsert = true });
            }
            else if (group == id || liveGroups.Contains(group))
            {
                var upsert = MongoTombstoneDocuments.LiveMembership(row);
                returning.Add(new UpdateOneModel<BsonDocument>(upsert.Filter, upsert.Update) { IsUpsert = true });
                if (group != id)
                {
                    rejoined.Add(group);
                }
            }
        }

        await session.BulkWriteAsync(collections.TombstoneMemberships, handedOver, cancellationToken).ConfigureAwait(false);
        await session.BulkWriteAsync(collections.Memberships, returning, cancellationToken).ConfigureAwait(false);
        var touched = await memberships.TouchGroupsAsync(session, tenant, rejoined, now, cancellationToken).ConfigureAwait(false);
        await RecordGroupEventsAsync(session, tenant, touched, now, id, added: true, cancellationToken).ConfigureAwait(false);
        await session.DeleteManyAsync(collections.TombstoneMemberships, ById(kept), cancellationToken).ConfigureAwait(false);
    }

    private Task RecordGroupEventsAsync(
        MongoSession session, string tenant, List<(string Type, string Id, long Version)> groups, DateTimeOffset now, string memberId, bool added,
        CancellationToken cancellationToken) =>
        groups.Count == 0
            ? Task.CompletedTask
            : events.RecordAsync(
                session,
                [.. groups.Select(group => ChangeRecords.ForGroupMembership(tenant, group.Type, group.Id, group.Version, now, memberId, added))],
                cancellationToken);

    private static async Task<HashSet<string>> IdsAmongAsync(
        MongoSession session, IMongoCollection<BsonDocument> collection, string tenant, IReadOnlyList<string> typeNames, List<string> ids, CancellationToken cancellationToken)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(MongoRelationships.BatchSize))
        {
            var documents = await session.Find(collection, MongoFields.AnyKeyOf(tenant, typeNames, chunk))
                .Project(new BsonDocument(MongoFields.Id, 1)).ToListAsync(cancellationToken).ConfigureAwait(false);
            found.UnionWith(documents.Select(document => document[MongoFields.Id]["id"].AsString));
        }

        return found;
    }

    private static string OtherSide(BsonDocument row, string id)
    {
        var group = row[MongoFields.MembershipGroup].AsString;
        return group == id ? row[MongoFields.MembershipMember].AsString : group;
    }

    private static BsonDocument ById(List<BsonDocument> rows) =>
        new(MongoFields.Id, new BsonDocument("$in", new BsonArray(rows.Select(row => row[MongoFields.Id]))));

    public static BsonDocument KeptBy(string tenant, string ownerId) =>
        new() { { MongoFields.MembershipTenant, tenant }, { MongoFields.MembershipOwner, ownerId } };

    private static ScimException NoTombstone(ResourceRestore restore) => ScimErrors.NoTombstone(restore.Key, restore.DeletedSince);
}
