using MongoDB.Bson;
using MongoDB.Driver;
using Scim.Api.Core.Storage;

namespace Scim.Api.Storage.Mongo;

/// <summary>Reads one resource by its whole <c>_id</c> (the unique <c>_id</c> index), with its members or groups when asked.</summary>
internal sealed class MongoResourceReader(MongoCollections collections, MongoRelationships relationships)
{
    public async Task<StoredResource?> GetAsync(ResourceKey key, ReadOptions options, MongoSession session, CancellationToken cancellationToken)
    {
        var stored = await session.Find(collections.Resources, MongoFields.ByKey(key))
            .Project(MongoResourceDocuments.Projection)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        var resource = MongoResourceDocuments.Read(stored);
        await relationships.AttachAsync(key.Tenant, key.Type, options, [resource], session, cancellationToken).ConfigureAwait(false);
        return resource;
    }
}
