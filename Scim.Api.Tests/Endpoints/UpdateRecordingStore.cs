using System.Collections.Concurrent;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Storage;
using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Endpoints;

/// <summary>One call of <see cref="IResourceStore.UpdateAsync"/>: which write path it took and how it ended.</summary>
public sealed record RecordedUpdate(string Id, long? ExpectedVersion, bool ReplacesDocument, int? RejectedWith);

/// <summary>The real store, with every update it is asked for recorded.</summary>
public sealed class UpdateRecordingStore(IResourceStore inner) : DelegatingResourceStore(inner)
{
    private readonly ConcurrentQueue<RecordedUpdate> _updates = new();

    public IReadOnlyList<RecordedUpdate> UpdatesOf(string id) => [.. _updates.Where(update => update.Id == id)];

    public override async Task<StoredResource> UpdateAsync(ResourceUpdate update, long? expectedVersion, CancellationToken cancellationToken)
    {
        try
        {
            var stored = await base.UpdateAsync(update, expectedVersion, cancellationToken);
            _updates.Enqueue(new RecordedUpdate(update.Key.Id, expectedVersion, update.Document is not null, null));
            return stored;
        }
        catch (ScimException rejected)
        {
            _updates.Enqueue(new RecordedUpdate(update.Key.Id, expectedVersion, update.Document is not null, rejected.Status));
            throw;
        }
    }
}
