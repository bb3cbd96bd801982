namespace Scim.Api.Storage;

/// <summary>
/// Applies migrations before the server takes requests (hosted services start before Kestrel listens),
/// and records that it did, for readiness.
/// </summary>
internal sealed class StoreInitializer(IStoreLifecycle store) : IHostedService
{
    public bool IsInitialized { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        IsInitialized = true;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
