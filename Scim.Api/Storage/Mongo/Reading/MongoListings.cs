using MongoDB.Bson;
using MongoDB.Driver;
using Scim.Api.Core.Storage;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// The administrator's listings, newest first: a tenant's tombstones (indexes <c>deleted_newest</c> and
/// <c>deleted_newest_type</c>) and audit records (the <c>…_newest</c> audit indexes). Each index ends with the
/// tie-breaker of the order, so a page is an index walk, not a sort.
/// </summary>
internal sealed class MongoListings(MongoCollections collections)
{
    public async Task<TombstonePage> ListDeletedAsync(DeletedQuery query, MongoSession session, CancellationToken cancellationToken)
    {
        var filter = MongoTombstoneDocuments.Listing(query);
        var total = await session.CountAsync(collections.Tombstones, filter, cancellationToken).ConfigureAwait(false);
        if (query.Page.Count <= 0 || query.Page.Offset >= total)
        {
            return new TombstonePage(total, []);
        }

        var page = await session.Find(collections.Tombstones, filter)
            .Sort(MongoTombstoneDocuments.NewestFirst)
            .Skip((int)Math.Min(query.Page.Offset, int.MaxValue))
            .Limit(query.Page.Count)
            .Project(new BsonDocument { { MongoFields.Document, 0 }, { MongoFields.Folded, 0 }, { MongoFields.Present, 0 }, { MongoFields.Unique, 0 } })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new TombstonePage(total, [.. page.Select(MongoTombstoneDocuments.Read)]);
    }

    public async Task<AuditPage> QueryAuditAsync(AuditQuery query, MongoSession session, CancellationToken cancellationToken)
    {
        var filter = MongoAuditDocuments.Filter(query);
        var total = await session.CountAsync(collections.Audit, filter, cancellationToken).ConfigureAwait(false);
        if (query.Page.Count <= 0 || query.Page.Offset >= total)
        {
            return new AuditPage(total, []);
        }

        var page = await session.Find(collections.Audit, filter)
            .Sort(MongoAuditDocuments.NewestFirst)
            .Skip((int)Math.Min(query.Page.Offset, int.MaxValue))
            .Limit(query.Page.Count)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new AuditPage(total, [.. page.Select(MongoAuditDocuments.Read)]);
    }
}
