using DotNet.Testcontainers.Builders;
using MongoDB.Bson;
using MongoDB.Driver;
using Testcontainers.MongoDb;

[assembly: AssemblyFixture(typeof(Scim.Api.Tests.Storage.Mongo.MongoServerFixture))]

namespace Scim.Api.Tests.Storage.Mongo;

/// <summary>
/// One MongoDB for the whole test run, shared by every Mongo test (the contract suite included); each test works in
/// a database of its own (<c>scim_test_…</c>) and drops it.
/// <list type="bullet">
/// <item>With <see cref="UriVariable"/> set, that server: a local replica set, Atlas, a CI service. It must run
/// transactions (a replica set, even of one node, or a sharded cluster), as the store requires.</item>
/// <item>Else a pinned <c>mongo:8</c> container started as a single-node replica set through Testcontainers.</item>
/// <item>Where neither is available, <see cref="GetClientAsync"/> skips the calling test with the reason; it never passes.</item>
/// </list>
/// </summary>
public sealed class MongoServerFixture : IAsyncDisposable
{
    public const string Image = "mongo:8";

    /// <summary>The environment variable naming the MongoDB to test against instead of a container.</summary>
    public const string UriVariable = "SCIM_TEST_MONGODB_URI";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private MongoDbContainer? _container;
    private IMongoClient? _client;
    private string? _unavailable;

    /// <summary>The client of the shared server, or a skip of the current test when there is none.</summary>
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
            Assert.Skip(_unavailable);
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
        var uri = Environment.GetEnvironmentVariable(UriVariable);
        if (!string.IsNullOrWhiteSpace(uri))
        {
            // A server named on purpose must be there: a wrong URI fails the tests rather than skipping them.
            var client = new MongoClient(uri);
            await client.GetDatabase("admin").RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: TestContext.Current.CancellationToken);
            _client = client;
            return;
        }

        // Fast check first: without an endpoint, trying to start a container only waits for a timeout.
        if (FindDockerEndpoint() is null)
        {
            _unavailable = $"No MongoDB: {UriVariable} is not set, and Docker is not available for a {Image} container "
                + "(DOCKER_HOST is not set and no Docker socket exists: /var/run/docker.sock, ~/.docker/run/docker.sock).";
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
            _unavailable = $"No MongoDB: {UriVariable} is not set, and the {Image} container could not be started ({exception.GetType().Name}: {exception.Message})";
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
