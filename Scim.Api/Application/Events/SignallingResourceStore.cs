using Scim.Api.Core.Storage;

namespace Scim.Api.Application.Events;

/// <summary>
/// Raises the <see cref="ChangeSignal"/> of a tenant after each of its writes that succeeded (the store wrote the
/// change event in the write's own transaction), so that this replica's webhook delivery reads the event at once
/// rather than at its next poll. Reads pass straight through.
/// </summary>
public sealed class SignallingResourceStore(IResourceStore inner, ChangeSignal changes) : IResourceStore
{
    /// <summary>The store whose writes this one signals.</summary>
    public IResourceStore Inner => inner;

    public async Task<StoredResource> CreateAsync(ResourceWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var stored = await inner.CreateAsync(write, cancellationToken).ConfigureAwait(false);
        changes.Raise(write.Key.Tenant);
        return stored;
    }

    public async Task<StoredResource> UpdateAsync(ResourceUpdate update, long? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        var stored = await inner.UpdateAsync(update, expectedVersion, cancellationToken).ConfigureAwait(false);
        changes.Raise(update.Key.Tenant);
        return stored;
    }

    public async Task DeleteAsync(ResourceKey key, long? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await inner.DeleteAsync(key, expectedVersion, cancellationToken).ConfigureAwait(false);
        changes.Raise(key.Tenant);
    }

    public async Task DeleteAsync(ResourceDeletion deletion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deletion);
        await inner.DeleteAsync(deletion, cancellationToken).ConfigureAwait(false);
        changes.Raise(deletion.Key.Tenant);
    }

    public async Task<StoredResource> RestoreAsync(ResourceRestore restore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(restore);
        var restored = await inner.RestoreAsync(restore, cancellationToken).ConfigureAwait(false);
        changes.Raise(restore.Key.Tenant);
        return restored;
    }

    public Task<StoredResource?> GetAsync(ResourceKey key, ReadOptions options, CancellationToken cancellationToken) =>
        inner.GetAsync(key, options, cancellationToken);

    public Task<TombstonePage> ListDeletedAsync(DeletedQuery query, CancellationToken cancellationToken) =>
        inner.ListDeletedAsync(query, cancellationToken);

    public Task<QueryResult> QueryAsync(ResourceQuery query, CancellationToken cancellationToken) =>
        inner.QueryAsync(query, cancellationToken);
}
