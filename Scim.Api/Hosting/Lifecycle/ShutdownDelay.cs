using Microsoft.Extensions.Options;

namespace Scim.Api.Hosting.Lifecycle;

/// <summary>
/// Keeps the server taking requests for <see cref="ShutdownOptions.ShutdownDelaySeconds"/> after the stop signal:
/// lifecycle services' StoppingAsync runs before any hosted service stops, so Kestrel still listens while readiness
/// already fails. Load balancers that poll readiness (or a Kubernetes endpoint update in flight) move away first.
/// </summary>
internal sealed class ShutdownDelay(IOptions<ShutdownOptions> options, ShutdownState state, TimeProvider time) : IHostedLifecycleService
{
    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        state.BeginDraining();
        var delay = TimeSpan.FromSeconds(options.Value.ShutdownDelaySeconds);
        return delay > TimeSpan.Zero ? DelayAsync(delay, cancellationToken) : Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The shutdown budget ran out: go on stopping.
        }
    }
}
