using DotNet.Testcontainers.Builders;
using MongoDB.Driver;
using Testcontainers.MongoDb;

[assembly: AssemblyFixture(typeof(Scim.Api.Tests.Storage.Mongo.MongoServerFixture))]

namespace Scim.Api.Tests.Storage.Mongo;

/// <summary>
/// One MongoDB for the whole test run: a pinned <c>mongo:8</c> container started as a single-node replica set (so
/// transactions work), started on first use and shared by every Mongo test; each test works in a database of its own.
/// Where Docker is not available, <see cref="GetClientAsync"/> skips the calling test with the reason; it never passes.
/// </summary>
public sealed class MongoServerFixture : IAsyncDisposable
{
    public const string Image = "mongo:8";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private MongoDbContainer? _container;
    private IMongoClient? _client;
    private string? _unavailable;

    /// <summary>The client of the shared server, or a skip of the current test when Docker is not available.</summary>
    public async Task<IMongoClient> GetClientAsync()
    {
        await _gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_client is null && _unavailable is null)
            {
                await StartAsync();
            }
        }
        finally
        {
            _gate.Release();
        }

        if (_unavailable is not null)
        {
            Assert.Skip($"Docker is not available: {_unavailable}");
        }

        return _client!;
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }

        _gate.Dispose();
    }

    private async Task StartAsync()
    {
        // Fast check first: without an endpoint, trying to start a container only waits for a timeout.
        if (FindDockerEndpoint() is null)
        {
            _unavailable = "DOCKER_HOST is not set and no Docker socket exists (/var/run/docker.sock, ~/.docker/run/docker.sock).";
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(StartTimeout);
            _container = new MongoDbBuilder(Image).WithReplicaSet().Build();
            await _container.StartAsync(timeout.Token);
            _client = new MongoClient(_container.GetConnectionString());
        }
        catch (Exception exception) when (exception is DockerUnavailableException or OperationCanceledException or TimeoutException
            or ArgumentException or InvalidOperationException or HttpRequestException or IOException
            or Docker.DotNet.DockerApiException)
        {
            _unavailable = $"the {Image} container could not be started ({exception.GetType().Name}: {exception.Message})";
        }
    }

    private static string? FindDockerEndpoint()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (!string.IsNullOrWhiteSpace(host))
        {
            return host;
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string[] sockets = ["/var/run/docker.sock", Path.Combine(home, ".docker", "run", "docker.sock"), Path.Combine(home, ".docker", "desktop", "docker.sock")];
        var socket = sockets.FirstOrDefault(File.Exists);
        if (socket is not null)
        {
            return socket;
        }

        // Testcontainers also reads its own settings file, where a remote or rootless host may be configured.
        var properties = Path.Combine(home, ".testcontainers.properties");
        return File.Exists(properties) && File.ReadAllText(properties).Contains("docker.host", StringComparison.Ordinal) ? properties : null;
    }
}
