using Scim.Api.Core.Storage;

namespace Scim.Api.Storage.Mongo;

/// <summary>Inserts a write's audit record in the write's own session (its transaction, where there is one).</summary>
internal sealed class MongoAuditWriter(MongoCollections collections)
{
    public Task RecordAsync(
        MongoSession session, ResourceKey key, AuditEntry? entry, long? versionBefore, long? versionAfter, CancellationToken cancellationToken) =>
        entry is null
            ? Task.CompletedTask
            : session.InsertOneAsync(collections.Audit, MongoAuditDocuments.ForEntry(key, entry, versionBefore, versionAfter), cancellationToken);
}
