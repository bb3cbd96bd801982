using System.Diagnostics;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Storage;
using Scim.Api.Storage;

namespace Scim.Api.Hosting.Telemetry;

/// <summary>
/// Wraps the chosen store: each call becomes a "Store {operation} {type}" span and a <c>scim.store.duration</c>
/// measurement, membership changes count towards <c>scim.members.added</c> / <c>scim.members.removed</c>, and each
/// write that succeeded counts its change event towards <c>scim.events.written</c> (the store wrote it with the write).
/// Only names, counts and outcomes are recorded: no document, filter or member value.
/// </summary>
public sealed class InstrumentedResourceStore(IResourceStore inner, string storeName) : IResourceStore
{
    public const string Sqlite = "sqlite";
    public const string Mongo = "mongodb";

    /// <summary>A result the client caused (404, 409, 412 …): the store worked.</summary>
    public const string Rejected = "rejected";

    public const string Succeeded = "ok";
    public const string Cancelled = "cancelled";
    public const string Failed = "failed";

    /// <summary>The store this one instruments.</summary>
    public IResourceStore Inner => inner;

    /// <summary>"sqlite" or "mongodb": the <c>scim.store</c> attribute of its spans and metrics.</summary>
    public string StoreName => storeName;

    public async Task<StoredResource> CreateAsync(ResourceWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var call = Begin("create", write.Key.Tenant, write.Key.Type.Name);
        var stored = await call.Run(() => inner.CreateAsync(write, cancellationToken));
        CountMembers(call, write.Key, write.Members.Count, 0);
        EventWritten(write.Key.Tenant, write.Key.Type.Name, "create");
        return stored;
    }

    public async Task<StoredResource?> GetAsync(ResourceKey key, ReadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        using var call = Begin("get", key.Tenant, key.Type.Name);
        return await call.Run(() => inner.GetAsync(key, options, cancellationToken));
    }

    public async Task<StoredResource> UpdateAsync(ResourceUpdate update, long? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        using var call = Begin("update", update.Key.Tenant, update.Key.Type.Name);
        var stored = await call.Run(() => inner.UpdateAsync(update, expectedVersion, cancellationToken));
        if (update.Members is { } delta)
        {
            CountMembers(call, update.Key, delta.Add.Count, delta.Remove.Count);
        }

        EventWritten(update.Key.Tenant, update.Key.Type.Name, update.Audit?.Operation == AuditOperation.Replace ? "replace" : "patch");
        return stored;
    }

    public async Task DeleteAsync(ResourceKey key, long? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        using var call = Begin("delete", key.Tenant, key.Type.Name);
        await call.Run(() => Completed(inner.DeleteAsync(key, expectedVersion, cancellationToken)));
        EventWritten(key.Tenant, key.Type.Name, "delete");
    }

    public async Task DeleteAsync(ResourceDeletion deletion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deletion);
        using var call = Begin("delete", deletion.Key.Tenant, deletion.Key.Type.Name);
        await call.Run(() => Completed(inner.DeleteAsync(deletion, cancellationToken)));
        EventWritten(deletion.Key.Tenant, deletion.Key.Type.Name, "delete");
    }

    public async Task<StoredResource> RestoreAsync(ResourceRestore restore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(restore);
        using var call = Begin("restore", restore.Key.Tenant, restore.Key.Type.Name);
        var restored = await call.Run(() => inner.RestoreAsync(restore, cancellationToken));
        EventWritten(restore.Key.Tenant, restore.Key.Type.Name, "restore");
        return restored;
    }

    public async Task<TombstonePage> ListDeletedAsync(DeletedQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var call = Begin("list_deleted", query.Tenant, query.Type?.Name ?? "*");
        return await call.Run(() => inner.ListDeletedAsync(query, cancellationToken));
    }

    public async Task<QueryResult> QueryAsync(ResourceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var call = Begin("query", query.Tenant, query.Type.Name);
        var result = await call.Run(() => inner.QueryAsync(query, cancellationToken));
        call.Activity?.SetTag(ScimAttributes.Results, result.Resources.Count);
        return result;
    }

    private static void EventWritten(string tenant, string resourceType, string operation) =>
        ScimMetrics.RecordEventWritten(tenant, resourceType, operation);

    private StoreCall Begin(string operation, string tenant, string resourceType)
    {
        var activity = ScimTelemetry.Source.StartActivity($"Store {operation} {resourceType}", ActivityKind.Internal);
        if (activity is not null)
        {
            activity.SetTag(ScimAttributes.Store, storeName);
            activity.SetTag(ScimAttributes.StoreOperation, operation);
            activity.SetTag(ScimAttributes.ResourceType, resourceType);
            activity.SetTag(ScimAttributes.Tenant, tenant);
        }

        return new StoreCall(storeName, operation, resourceType, activity);
    }

    private static void CountMembers(StoreCall call, ResourceKey key, int added, int removed)
    {
        if (added == 0 && removed == 0)
        {
            return;
        }

        ScimMetrics.RecordMembersChanged(key.Tenant, key.Type.Name, added, removed);
        call.Activity?.SetTag(ScimAttributes.MembersAdded, added);
        call.Activity?.SetTag(ScimAttributes.MembersRemoved, removed);
    }

    private static async Task<bool> Completed(Task task)
    {
        await task.ConfigureAwait(false);
        return true;
    }

    /// <summary>One timed store call: its span, and its duration recorded with the outcome when disposed.</summary>
    private sealed class StoreCall(string store, string operation, string resourceType, Activity? activity) : IDisposable
    {
        private readonly long _started = Stopwatch.GetTimestamp();
        private string _outcome = Failed;

        public Activity? Activity => activity;

        // The call starts inside the try: a store may also fail before its first await.
        public async Task<T> Run<T>(Func<Task<T>> call)
        {
            try
            {
                var result = await call().ConfigureAwait(false);
                _outcome = Succeeded;
                return result;
            }
            catch (ScimException rejected)
            {
                _outcome = Rejected;
                activity?.SetTag(ScimAttributes.StatusCode, rejected.Status);
                throw;
            }
            catch (OperationCanceledException)
            {
                _outcome = Cancelled;
                throw;
            }
            catch (Exception failure)
            {
                _outcome = Failed;
                activity?.SetTag(ScimAttributes.ErrorType, failure.GetType().FullName);
                activity?.SetStatus(ActivityStatusCode.Error);
                throw;
            }
        }

        public void Dispose()
        {
            activity?.SetTag(ScimAttributes.StoreOutcome, _outcome);
            ScimMetrics.RecordStoreCall(store, operation, resourceType, _outcome, Stopwatch.GetElapsedTime(_started));
            activity?.Dispose();
        }
    }
}
