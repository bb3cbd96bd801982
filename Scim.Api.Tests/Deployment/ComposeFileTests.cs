using System.Text.RegularExpressions;
using MongoDB.Driver;
using Scim.Api.Hosting.Auth;

namespace Scim.Api.Tests.Deployment;

/// <summary>docker-compose.yml: Scim on a self-initiating MongoDB replica set, reachable as the README says.</summary>
public sealed partial class ComposeFileTests
{
    private const string EvaluateSection = "## Evaluate with docker compose";

    private static readonly ComposeFile Compose = ComposeFile.Load();

    [Fact]
    public void Services_AreScimMongoDbTheCollectorPrometheusAndGrafana()
    {
        Assert.Equal(["grafana", "mongo", "otel-collector", "prometheus", "scim"], Compose.ServiceNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryPublishedPort_IsBoundToLoopbackOnTheSamePortNumber_ExceptScimsReadmePort()
    {
        foreach (var service in Compose.ServiceNames)
        {
            foreach (var port in Compose.Ports(service))
            {
                Assert.True(port.HostIp == "127.0.0.1", $"{service} publishes {port.HostPort} on every interface; bind it to 127.0.0.1");
                Assert.True(service == "scim" || port.HostPort == port.ContainerPort, $"{service}: {port.HostPort}:{port.ContainerPort}");
            }
        }
    }

    [Fact]
    public void Scim_PublishesThePortItListensOn_AtTheReadmesAddress()
    {
        var readmePort = new Uri(ReadmeBaseUrl().Match(RepositoryFiles.Read("README.md")).Groups["url"].Value).Port;
        var port = Assert.Single(Compose.Ports("scim"));

        Assert.Equal(ServiceEndpoints.HttpPort(ScimEnvironment()), port.ContainerPort);
        Assert.Equal(readmePort, port.HostPort);
    }

    [Fact]
    public void Scim_HealthcheckAsksTheReadyEndpoint_WithTheProbeInTheImage()
    {
        var test = Compose.HealthcheckTest("scim");
        var url = new Uri(test[^1]);

        Assert.Equal(["CMD", "dotnet", DockerfileTests.ProbePathInImage()], test.Take(3));
        Assert.Equal(ServiceEndpoints.Ready, url.AbsolutePath);
        Assert.Contains(url.AbsolutePath, ServiceEndpoints.Mapped);
        Assert.True(url.IsLoopback);
        Assert.Equal(ServiceEndpoints.HttpPort(ScimEnvironment()), url.Port);
    }

    [Fact]
    public void Scim_UsesMongoDbAsAReplicaSet_ThatInitiatesItselfBeforeScimStarts()
    {
        var url = MongoUrl.Create(Compose.Environment("scim")["ConnectionStrings__Mongo"]);
        var mongoCommand = Compose.Strings("mongo", "command");
        var check = Compose.HealthcheckTest("mongo");
        var scriptMount = Assert.Single(Compose.BindMounts("mongo"), m => check.Contains(m.Target));
        var script = RepositoryFiles.Read(scriptMount.Source);

        Assert.Equal("mongo", Assert.Single(url.Servers).Host);
        Assert.Equal(url.ReplicaSetName, mongoCommand[mongoCommand.ToList().IndexOf("--replSet") + 1]);
        Assert.Contains("rs.initiate(", script, StringComparison.Ordinal);
        Assert.Contains($"_id: '{url.ReplicaSetName}'", script, StringComparison.Ordinal);
        Assert.Contains($"host: 'mongo:{url.Servers.Single().Port}'", script, StringComparison.Ordinal);
        Assert.Contains("isWritablePrimary", script, StringComparison.Ordinal);
        Assert.Equal("service_healthy", Compose.Service("scim").Mapping("depends_on")?.Mapping("mongo")?.Text("condition"));
    }

    [Fact]
    public void Scim_TokenHash_IsTheHashOfTheReadmesDevelopmentToken_MarkedForLocalEvaluationOnly()
    {
        var section = Readme.Section(EvaluateSection, "docs/deployment.md");
        var token = ReadmeToken().Match(section).Groups["token"].Value;
        var environment = Compose.Environment("scim");

        Assert.NotEmpty(token);
        Assert.Equal(TokenHash.Compute(token), environment["Scim__Auth__Tokens__0__Hash"]);
        Assert.Contains("local evaluation only", section, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("docker compose up", section, StringComparison.Ordinal);
    }

    [Fact]
    public void Scim_RunsOnAReadOnlyFilesystemWithoutCapabilities()
    {
        var scim = Compose.Service("scim");

        Assert.Equal("true", scim.Text("read_only"));
        Assert.Equal(["/tmp"], Compose.Strings("scim", "tmpfs"));
        Assert.Equal(["ALL"], Compose.Strings("scim", "cap_drop"));
        Assert.Contains("no-new-privileges:true", Compose.Strings("scim", "security_opt"));
        Assert.Equal(".", scim.Text("build"));
    }

    [Fact]
    public void Scim_StopGracePeriod_OutlastsTheServicesShutdownTimeout()
    {
        var grace = Compose.Service("scim").Text("stop_grace_period") ?? "10s";
        using var service = new ConfiguredService(Compose.Environment("scim"));

        Assert.EndsWith("s", grace, StringComparison.Ordinal);
        Assert.True(service.ShutdownTimeout().TotalSeconds < double.Parse(grace[..^1], System.Globalization.CultureInfo.InvariantCulture),
            $"docker stops the container after {grace}, before the service's shutdown timeout of {service.ShutdownTimeout().TotalSeconds} s ends");
    }

    [Fact]
    public void Scim_ExportsTelemetryToTheCollectorService_OnAPortTheCollectorListensOn()
    {
        var endpoint = new Uri(Compose.Environment("scim")["OTEL_EXPORTER_OTLP_ENDPOINT"]);

        Assert.Equal("otel-collector", endpoint.Host);
        Assert.Contains(endpoint.Port, Compose.Ports("otel-collector").Select(p => p.ContainerPort));
        Assert.Equal("grpc", Compose.Environment("scim")["OTEL_EXPORTER_OTLP_PROTOCOL"]);
    }

    /// <summary>The container's environment over the image's ENV, as the running container sees it.</summary>
    internal static Dictionary<string, string> ScimEnvironment()
    {
        var environment = new Dictionary<string, string>(DockerfileModel.Load().Stages[^1].Environment, StringComparer.Ordinal);
        foreach (var (name, value) in Compose.Environment("scim"))
        {
            environment[name] = value;
        }

        return environment;
    }

    [GeneratedRegex(@"BASE=(?<url>http://localhost:\d+)/scim/v2")]
    private static partial Regex ReadmeBaseUrl();

    [GeneratedRegex(@"TOKEN=(?<token>[A-Za-z0-9_\-]+)")]
    private static partial Regex ReadmeToken();
}
