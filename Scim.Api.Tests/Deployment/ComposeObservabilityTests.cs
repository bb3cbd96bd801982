using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace Scim.Api.Tests.Deployment;

/// <summary>The collector, Prometheus and Grafana of docker-compose.yml find their configuration and each other.</summary>
public sealed class ComposeObservabilityTests
{
    private const string DashboardsFolder = "deploy/grafana/dashboards";

    private static readonly ComposeFile Compose = ComposeFile.Load();

    public static TheoryData<string, string> BindMounts =>
        new(Compose.ServiceNames.SelectMany(s => Compose.BindMounts(s).Select(m => (s, m.Source))));

    [Theory]
    [MemberData(nameof(BindMounts))]
    public void BindMount_IsARepositoryFileMountedReadOnly(string service, string source)
    {
        Assert.True(RepositoryFiles.Exists(source), $"{service} mounts ./{source}, which is not in the repository");
        Assert.True(Assert.Single(Compose.BindMounts(service), m => m.Source == source).ReadOnly, $"{service} mounts ./{source} writable");
    }

    [Fact]
    public void Grafana_ProvisionsThePrometheusServiceAsItsDefaultDatasource()
    {
        var datasource = Assert.Single(YamlNodes.LoadDocuments(RepositoryFiles.PathOf("deploy/grafana/provisioning/datasources/prometheus.yaml")).Single()
            .Items("datasources").Cast<YamlMappingNode>());
        var url = new Uri(datasource.Text("url")!);

        Assert.Equal("prometheus", datasource.Text("type"));
        Assert.Equal("true", datasource.Text("isDefault"));
        Assert.Contains(url.Host, Compose.ServiceNames);
        Assert.Contains(url.Port, Compose.Ports(url.Host).Select(p => p.ContainerPort));
        Assert.Equal("/etc/grafana/provisioning", MountTarget("grafana", "deploy/grafana/provisioning"));
    }

    [Fact]
    public void Grafana_LoadsDashboardsFromTheFolderTheDashboardsAreMountedAt()
    {
        var provider = Assert.Single(YamlNodes.LoadDocuments(RepositoryFiles.PathOf("deploy/grafana/provisioning/dashboards/scim.yaml")).Single()
            .Items("providers").Cast<YamlMappingNode>());
        var folder = MountTarget("grafana", DashboardsFolder);

        Assert.Equal("file", provider.Text("type"));
        Assert.Equal(folder, provider.Mapping("options")?.Text("path"));
        Assert.StartsWith(folder + "/", Compose.Environment("grafana")["GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"], StringComparison.Ordinal);
    }

    [Fact]
    public void Dashboards_ReferOnlyToTheProvisionedDatasourceOrTheirOwnVariables()
    {
        var datasource = YamlNodes.LoadDocuments(RepositoryFiles.PathOf("deploy/grafana/provisioning/datasources/prometheus.yaml")).Single()
            .Items("datasources").Cast<YamlMappingNode>().Single();
        var uid = datasource.Text("uid");
        HashSet<string?> known = [uid, datasource.Text("name"), "grafana", "-- Grafana --", "-- Mixed --", "-- Dashboard --"];

        foreach (var file in Directory.GetFiles(RepositoryFiles.PathOf(DashboardsFolder), "*.json"))
        {
            using var dashboard = JsonDocument.Parse(File.ReadAllText(file));
            var variables = dashboard.RootElement.TryGetProperty("templating", out var templating)
                ? templating.GetProperty("list").EnumerateArray().Select(v => v.GetProperty("name").GetString()).ToHashSet()
                : [];
            foreach (var reference in DatasourceUids(dashboard.RootElement))
            {
                var variable = reference.TrimStart('$').Trim('{', '}');
                Assert.True(known.Contains(reference) || (reference.StartsWith('$') && variables.Contains(variable)),
                    $"{RepositoryFiles.Relative(file)} refers to datasource '{reference}', which Grafana is not provisioned with (uid '{uid}')");
            }
        }
    }

    [Fact]
    public void Prometheus_LoadsTheMountedConfiguration_WhoseRulesAndTargetsExist()
    {
        var configFile = Compose.Strings("prometheus", "command").Single(a => a.StartsWith("--config.file=", StringComparison.Ordinal))["--config.file=".Length..];
        Assert.Equal(configFile, MountTarget("prometheus", "deploy/prometheus/prometheus.yml"));
        var config = YamlNodes.LoadDocuments(RepositoryFiles.PathOf("deploy/prometheus/prometheus.yml")).Single();
        var mounted = Compose.BindMounts("prometheus").Select(m => m.Target).ToHashSet();
        foreach (var rules in config.Items("rule_files").Cast<YamlScalarNode>().Select(r => r.Value!))
        {
            var path = rules.StartsWith('/') ? rules : Path.GetDirectoryName(configFile)!.Replace('\\', '/') + "/" + rules;
            Assert.True(mounted.Contains(path), $"prometheus.yml loads rules from {path}, which docker-compose.yml does not mount");
        }

        var targets = config.Items("scrape_configs").Cast<YamlMappingNode>()
            .SelectMany(s => s.Items("static_configs").Cast<YamlMappingNode>())
            .SelectMany(s => s.Items("targets").Cast<YamlScalarNode>().Select(t => t.Value!));
        Assert.All(targets, t => Assert.Contains(t.Split(':')[0], Compose.ServiceNames.Append("localhost")));
    }

    [Fact]
    public void Collector_LoadsTheMountedConfiguration_AndReceivesOtlpOnThePortsItPublishes()
    {
        var configFile = Compose.Strings("otel-collector", "command").Single(a => a.StartsWith("--config=", StringComparison.Ordinal))["--config=".Length..];
        Assert.Equal(configFile, MountTarget("otel-collector", "deploy/otel-collector.yaml"));
        var protocols = YamlNodes.LoadDocuments(RepositoryFiles.PathOf("deploy/otel-collector.yaml")).Single()
            .Mapping("receivers")?.Mapping("otlp")?.Mapping("protocols");
        Assert.NotNull(protocols);
        var published = Compose.Ports("otel-collector").Select(p => p.ContainerPort).ToList();
        foreach (var (protocol, defaultPort) in new[] { ("grpc", 4317), ("http", 4318) })
        {
            if (protocols.Child(protocol) is not null)
            {
                var endpoint = protocols.Mapping(protocol)?.Text("endpoint");
                Assert.Contains(endpoint is null ? defaultPort : int.Parse(endpoint.Split(':')[^1], System.Globalization.CultureInfo.InvariantCulture), published);
            }
        }
    }

    private static string MountTarget(string service, string source) =>
        Assert.Single(Compose.BindMounts(service), m => m.Source == source).Target;

    private static IEnumerable<string> DatasourceUids(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "datasource" && property.Value.ValueKind == JsonValueKind.Object
                        && property.Value.TryGetProperty("uid", out var uid) && uid.ValueKind == JsonValueKind.String)
                    {
                        yield return uid.GetString()!;
                    }
                    else if (property.Name == "datasource" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        yield return property.Value.GetString()!;
                    }

                    foreach (var nested in DatasourceUids(property.Value))
                    {
                        yield return nested;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray().SelectMany(DatasourceUids))
                {
                    yield return item;
                }

                break;
        }
    }
}
