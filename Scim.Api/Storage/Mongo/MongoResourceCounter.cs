using MongoDB.Bson;
using MongoDB.Driver;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// Resources per tenant and type for the <c>scim.resources</c> gauge: one aggregation grouping the resources collection
/// by the tenant and type of its key. The sort on (tenant, type) makes the server walk the <c>scope</c> index and the
/// group reads nothing else, so the count reads index keys, never a document (no collection scan). It still reads one
/// key per resource, so it runs in the background, not on requests.
/// </summary>
internal static class MongoResourceCounter
{
    private const string TenantKey = "t";
    private const string TypeKey = "rt";
    private const string CountKey = "n";

    public static BsonDocument[] Pipeline() =>
    [
        new BsonDocument("$sort", new BsonDocument { { MongoFields.Tenant, 1 }, { MongoFields.ResourceType, 1 } }),
        new BsonDocument("$group", new BsonDocument
        {
            { MongoFields.Id, new BsonDocument { { TenantKey, "$" + MongoFields.Tenant }, { TypeKey, "$" + MongoFields.ResourceType } } },
            { CountKey, new BsonDocument("$sum", 1) },
        }),
    ];

    public static async Task<IReadOnlyList<ResourceCount>> CountAsync(
        IMongoCollection<BsonDocument> resources, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var options = new AggregateOptions { MaxTime = timeout };
        using var cursor = await resources.AggregateAsync<BsonDocument>(Pipeline(), options, deadline.Token).ConfigureAwait(false);
        var groups = await cursor.ToListAsync(deadline.Token).ConfigureAwait(false);
        return [.. groups.Select(ToCount)];
    }

    public static ResourceCount ToCount(BsonDocument group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var key = group[MongoFields.Id].AsBsonDocument;
        return new ResourceCount(key[TenantKey].AsString, key[TypeKey].AsString, group[CountKey].ToInt64());
    }
}
