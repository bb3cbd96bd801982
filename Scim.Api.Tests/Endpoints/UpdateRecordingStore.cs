using System.Collections.Concurrent;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Storage;

namespace Scim.Api.Tests.Endpoints;

/// <summary>One call of <see cref="IResourceStore.UpdateAsync"/>: which write path it took and how it ended.</summary>
public sealed record RecordedUpdate(string Id, long? ExpectedVersion, bool ReplacesDocument, int? RejectedWith);

/// <summary>The real store, with every update it is asked for recorded.</summary>
public sealed class UpdateRecordingStore(IResourceStore inner) : IResourceStore
{
    private readonly ConcurrentQueue<RecordedUpdate> _updates = new();

    public IReadOnlyList<RecordedUpdate> UpdatesOf(string id) => [.. _updates.Where(update => update.Id == id)];

    public async Task<StoredResource> UpdateAsync(ResourceUpdate update, long? expectedVersion, CancellationToken cancellationToken)
    {
        try
        {
            var stored = await inner.UpdateAsync(update, expectedVersion, cancellationToken);
            _updates.Enqueue(new RecordedUpdate(update.Key.Id, expectedVersion, update.Document is not null, null));
            return stored;
        }
        catch (ScimException rejected)
        {
            _updates.Enqueue(new RecordedUpdate(update.Key.Id, expectedVersion, update.Document is not null, rejected.Status));
            throw;
        }
    }

    public Task<StoredResource> CreateAsync(ResourceWrite write, CancellationToken cancellationToken) => inner.CreateAsync(write, cancellationToken);

    public Task<StoredResource?> GetAsync(ResourceKey key, ReadOptions options, CancellationToken cancellationToken) =>
        inner.GetAsync(key, options, cancellationToken);

    public Task DeleteAsync(ResourceKey key, long? expectedVersion, CancellationToken cancellationToken) =>
        inner.DeleteAsync(key, expectedVersion, cancellationToken);

    public Task DeleteAsync(ResourceDeletion deletion, CancellationToken cancellationToken) => inner.DeleteAsync(deletion, cancellationToken);

    public Task<StoredResource> RestoreAsync(ResourceRestore restore, CancellationToken cancellationToken) => inner.RestoreAsync(restore, cancellationToken);

    public Task<TombstonePage> ListDeletedAsync(DeletedQuery query, CancellationToken cancellationToken) => inner.ListDeletedAsync(query, cancellationToken);

    public Task<QueryResult> QueryAsync(ResourceQuery query, CancellationToken cancellationToken) => inner.QueryAsync(query, cancellationToken);
}
