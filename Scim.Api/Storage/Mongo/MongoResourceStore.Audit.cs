using MongoDB.Bson;
using MongoDB.Driver;
using Scim.Api.Core.Storage;

namespace Scim.Api.Storage.Mongo;

/// <summary>The audit trail: written in the session of the write it records, read newest first.</summary>
public sealed partial class MongoResourceStore
{
    public Task<AuditPage> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = MongoAuditDocuments.Filter(query);
        return RunAsync(
            async token =>
            {
                var total = await _audit.CountDocumentsAsync(filter, cancellationToken: token).ConfigureAwait(false);
                if (query.Page.Count <= 0 || query.Page.Offset >= total)
                {
                    return new AuditPage(total, []);
                }

                var page = await _audit.Find(filter)
                    .Sort(MongoAuditDocuments.NewestFirst)
                    .Skip((int)query.Page.Offset)
                    .Limit(query.Page.Count)
                    .ToListAsync(token).ConfigureAwait(false);
                return new AuditPage(total, [.. page.Select(MongoAuditDocuments.Read)]);
            },
            cancellationToken);
    }

    private async Task RecordAuditAsync(
        IClientSessionHandle? session, ResourceKey key, AuditEntry? entry, long? versionBefore, long? versionAfter, CancellationToken cancellationToken)
    {
        if (entry is null)
        {
            return;
        }

        var record = MongoAuditDocuments.ForEntry(key, entry, versionBefore, versionAfter);
        await (session is null
            ? _audit.InsertOneAsync(record, cancellationToken: cancellationToken)
            : _audit.InsertOneAsync(session, record, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
