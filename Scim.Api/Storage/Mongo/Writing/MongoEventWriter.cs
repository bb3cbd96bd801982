using Scim.Api.Core.Events;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// Writes a change's events in the change's transaction: the tenant's counter goes up by the number of events and
/// they take the positions below it. The counter is one document per tenant, so two transactions of one tenant
/// conflict on it and the later one is retried after the first commits (MongoDB aborts a transaction that writes a
/// document another uncommitted transaction wrote, and the driver's WithTransaction runs it again): positions are
/// gap-free and commit in order, at the price of serializing a tenant's writes at that last step. It runs last in
/// each transaction, so the counter is held only from there to the commit.
/// </summary>
internal sealed class MongoEventWriter(MongoCollections collections)
{
    public async Task RecordAsync(MongoSession session, IReadOnlyList<ChangeRecord> changes, CancellationToken cancellationToken)
    {
        foreach (var tenant in changes.GroupBy(change => change.Tenant, StringComparer.Ordinal))
        {
            var batch = tenant.ToList();
            var last = await session.IncrementAsync(
                collections.EventPositions, MongoEventDocuments.Counter(tenant.Key), MongoFields.PositionLast, batch.Count, cancellationToken).ConfigureAwait(false);
            var first = last - batch.Count + 1;
            await session.InsertManyAsync(
                collections.Events, batch.Select((change, i) => MongoEventDocuments.For(change, first + i)), cancellationToken).ConfigureAwait(false);
        }
    }

    public Task RecordAsync(MongoSession session, ChangeRecord change, CancellationToken cancellationToken) =>
        RecordAsync(session, [change], cancellationToken);
}
