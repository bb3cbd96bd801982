using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Scim.Api.Hosting.Lifecycle;

/// <summary>Readiness fails as soon as the host begins to stop, so no new traffic is routed to a draining instance.</summary>
internal sealed class ShutdownHealthCheck(ShutdownState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.IsStopping
            ? HealthCheckResult.Unhealthy("The service is shutting down.")
            : HealthCheckResult.Healthy());
}
