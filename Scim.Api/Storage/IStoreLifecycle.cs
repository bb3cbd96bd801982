namespace Scim.Api.Storage;

/// <summary>Start-up work (migrations, indexes) and a cheap reachability probe for readiness.</summary>
public interface IStoreLifecycle
{
    Task InitializeAsync(CancellationToken cancellationToken);

    Task<bool> IsHealthyAsync(CancellationToken cancellationToken);
}
