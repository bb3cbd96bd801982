namespace Scim.Api.Hosting.Lifecycle;

/// <summary>
/// Graceful shutdown, bound from the "Scim" section. On SIGTERM the service first reports not-ready for
/// <see cref="ShutdownDelaySeconds"/> while still serving (so a load balancer stops sending it traffic), then stops
/// accepting connections and lets in-flight requests finish; all of it within <see cref="ShutdownTimeoutSeconds"/>.
/// </summary>
public sealed class ShutdownOptions
{
    public const string SectionName = "Scim";

    /// <summary>The whole shutdown budget (the host's ShutdownTimeout); keep it below Kubernetes' terminationGracePeriodSeconds.</summary>
    public int ShutdownTimeoutSeconds { get; set; } = 25;

    /// <summary>How long to keep serving while reporting not-ready before refusing new connections; part of the budget.</summary>
    public int ShutdownDelaySeconds { get; set; }
}
