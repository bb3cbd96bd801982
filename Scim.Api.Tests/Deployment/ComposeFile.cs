using YamlDotNet.RepresentationModel;

namespace Scim.Api.Tests.Deployment;

internal sealed record PublishedPort(string? HostIp, int HostPort, int ContainerPort);

internal sealed record BindMount(string Source, string Target, bool ReadOnly);

/// <summary>docker-compose.yml read with YamlDotNet; the short syntaxes it uses (ports, volumes, environment).</summary>
internal sealed class ComposeFile
{
    private readonly YamlMappingNode _services;

    private ComposeFile(YamlMappingNode root)
    {
        _services = root.Mapping("services") ?? throw new InvalidDataException("docker-compose.yml has no services.");
    }

    public static ComposeFile Load() => new(YamlNodes.LoadDocuments(RepositoryFiles.PathOf("docker-compose.yml")).Single());

    public IReadOnlyList<string> ServiceNames => _services.Keys().ToList();

    public YamlMappingNode Service(string name) => _services.Mapping(name) ?? throw new InvalidDataException($"docker-compose.yml has no service '{name}'.");

    public IReadOnlyDictionary<string, string> Environment(string service)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (Service(service).Child("environment"))
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    environment[((YamlScalarNode)key).Value!] = ((YamlScalarNode)value).Value ?? "";
                }

                break;
            case YamlSequenceNode list:
                foreach (var entry in list.Children.Cast<YamlScalarNode>().Select(e => e.Value!.Split('=', 2)))
                {
                    environment[entry[0]] = entry.Length > 1 ? entry[1] : "";
                }

                break;
        }

        return environment;
    }

    public IReadOnlyList<PublishedPort> Ports(string service) =>
        Service(service).Items("ports").Select(p => ParsePort(((YamlScalarNode)p).Value!)).ToList();

    public IReadOnlyList<BindMount> BindMounts(string service) =>
        Service(service).Items("volumes").Cast<YamlScalarNode>().Select(v => v.Value!.Split(':'))
            .Where(parts => parts[0].StartsWith("./", StringComparison.Ordinal))
            .Select(parts => new BindMount(parts[0][2..], parts[1], parts.Length > 2 && parts[2].Split(',').Contains("ro")))
            .ToList();

    public IReadOnlyList<string> Strings(string service, string key) => Service(service).Child(key) switch
    {
        YamlSequenceNode list => list.Children.Cast<YamlScalarNode>().Select(s => s.Value ?? "").ToList(),
        YamlScalarNode scalar => [scalar.Value ?? ""],
        _ => [],
    };

    public IReadOnlyList<string> HealthcheckTest(string service) =>
        Service(service).Mapping("healthcheck") is { } check
            ? check.Items("test").Cast<YamlScalarNode>().Select(s => s.Value ?? "").ToList()
            : [];

    private static PublishedPort ParsePort(string text)
    {
        var parts = text.Split('/')[0].Split(':');
        return parts.Length switch
        {
            3 => new PublishedPort(parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture)),
            2 => new PublishedPort(null, int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)),
            _ => new PublishedPort(null, 0, int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture)),
        };
    }
}
