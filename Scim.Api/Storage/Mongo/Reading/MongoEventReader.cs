using MongoDB.Bson;
using MongoDB.Driver;
using Scim.Api.Core.Events;

namespace Scim.Api.Storage.Mongo;

/// <summary>A tenant's events after a position, on the <c>tenant_position</c> index, and its last position from its counter.</summary>
internal sealed class MongoEventReader(MongoCollections collections)
{
    public async Task<ChangeEventPage> ReadAsync(ChangeEventQuery query, MongoSession session, CancellationToken cancellationToken)
    {
        var counter = await session.Find(collections.EventPositions, MongoEventDocuments.Counter(query.Tenant))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var last = counter?[MongoFields.PositionLast].ToInt64() ?? 0;
        if (query.Count <= 0 || query.AfterPosition >= last)
        {
            return new ChangeEventPage([], last);
        }

        var page = await session.Find(collections.Events, MongoEventDocuments.After(query.Tenant, query.AfterPosition))
            .Sort(MongoEventDocuments.OldestFirst)
            .Limit(query.Count)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new ChangeEventPage([.. page.Select(MongoEventDocuments.Read)], Math.Max(last, page.Count > 0 ? page[^1][MongoFields.EventPosition].ToInt64() : 0));
    }
}
