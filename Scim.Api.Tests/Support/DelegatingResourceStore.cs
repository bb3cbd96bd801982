using Scim.Api.Core.Storage;

namespace Scim.Api.Tests.Support;

/// <summary>A store that forwards every call to another; tests override the calls they watch or disturb.</summary>
public class DelegatingResourceStore(IResourceStore inner) : IResourceStore
{
    public virtual Task<StoredResource> CreateAsync(ResourceWrite write, CancellationToken cancellationToken) => inner.CreateAsync(write, cancellationToken);

    public virtual Task<StoredResource?> GetAsync(ResourceKey key, ReadOptions options, CancellationToken cancellationToken) =>
        inner.GetAsync(key, options, cancellationToken);

    public virtual Task<StoredResource> UpdateAsync(ResourceUpdate update, long? expectedVersion, CancellationToken cancellationToken) =>
        inner.UpdateAsync(update, expectedVersion, cancellationToken);

    public virtual Task DeleteAsync(ResourceKey key, long? expectedVersion, CancellationToken cancellationToken) =>
        inner.DeleteAsync(key, expectedVersion, cancellationToken);

    public virtual Task DeleteAsync(ResourceDeletion deletion, CancellationToken cancellationToken) => inner.DeleteAsync(deletion, cancellationToken);

    public virtual Task<StoredResource> RestoreAsync(ResourceRestore restore, CancellationToken cancellationToken) => inner.RestoreAsync(restore, cancellationToken);

    public virtual Task<TombstonePage> ListDeletedAsync(DeletedQuery query, CancellationToken cancellationToken) => inner.ListDeletedAsync(query, cancellationToken);

    public virtual Task<QueryResult> QueryAsync(ResourceQuery query, CancellationToken cancellationToken) => inner.QueryAsync(query, cancellationToken);
}
