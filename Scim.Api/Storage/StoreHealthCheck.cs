using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Scim.Api.Storage;

/// <summary>Readiness: migrations applied and the store answering. Liveness never depends on it.</summary>
internal sealed class StoreHealthCheck(IStoreLifecycle store, StoreInitializer initializer) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!initializer.IsInitialized)
        {
            return HealthCheckResult.Unhealthy("The store is not initialized yet.");
        }

        return await store.IsHealthyAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The store does not answer.");
    }
}
