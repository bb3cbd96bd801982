namespace Scim.Api.Storage;

/// <summary>
/// Optional for stores: how many resources each tenant holds of each type, for the <c>scim.resources</c> gauge.
/// Called in the background every <c>Telemetry:ResourceCountRefreshSeconds</c>, never on a request.
/// </summary>
public interface IResourceCounter
{
    Task<IReadOnlyList<ResourceCount>> CountResourcesAsync(CancellationToken cancellationToken);
}

/// <summary>The number of resources of one type (its name, e.g. "User") in one tenant.</summary>
public sealed record ResourceCount(string Tenant, string ResourceType, long Count);
