namespace Scim.Api.Tests.Deployment;

/// <summary>Facts about the service read from the service itself, shared by the deployment tests.</summary>
internal static class ServiceEndpoints
{
    public const string Live = "/health/live";
    public const string Ready = "/health/ready";

    private static readonly Lazy<IReadOnlySet<string>> Routes = new(() =>
    {
        using var service = new ConfiguredService();
        return service.RoutePatterns();
    });

    /// <summary>The route patterns the real service maps.</summary>
    public static IReadOnlySet<string> Mapped => Routes.Value;

    /// <summary>Every port of ASPNETCORE_HTTP_PORTS (none when it is not set).</summary>
    public static IReadOnlyList<int> HttpPorts(IReadOnlyDictionary<string, string> environment) =>
        environment.TryGetValue("ASPNETCORE_HTTP_PORTS", out var ports)
            ? ports.Split(';', ',').Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToList()
            : [];

    /// <summary>The port of the first <c>http://</c> address in ASPNETCORE_HTTP_PORTS or ASPNETCORE_URLS.</summary>
    public static int? HttpPort(IReadOnlyDictionary<string, string> environment)
    {
        if (environment.TryGetValue("ASPNETCORE_HTTP_PORTS", out var ports))
        {
            return int.Parse(ports.Split(';', ',')[0], System.Globalization.CultureInfo.InvariantCulture);
        }

        if (environment.TryGetValue("ASPNETCORE_URLS", out var urls))
        {
            var http = urls.Split(';').Select(u => u.Replace("://+", "://any", StringComparison.Ordinal).Replace("://*", "://any", StringComparison.Ordinal))
                .Select(u => new Uri(u)).FirstOrDefault(u => u.Scheme == Uri.UriSchemeHttp);
            return http?.Port;
        }

        return null;
    }
}
