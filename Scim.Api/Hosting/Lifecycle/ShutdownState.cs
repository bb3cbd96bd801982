namespace Scim.Api.Hosting.Lifecycle;

/// <summary>
/// Set when the host begins to stop. The host's own ApplicationStopping signal is not enough: a host stopped by
/// StopAsync (rather than by SIGTERM) raises it only after the lifecycle services' StoppingAsync, i.e. after the delay.
/// </summary>
internal sealed class ShutdownState(IHostApplicationLifetime lifetime)
{
    private volatile bool _draining;

    public bool IsStopping => _draining || lifetime.ApplicationStopping.IsCancellationRequested;

    public void BeginDraining() => _draining = true;
}
