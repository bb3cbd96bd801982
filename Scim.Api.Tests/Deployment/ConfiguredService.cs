using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Scim.Api.Hosting.Auth;

namespace Scim.Api.Tests.Deployment;

/// <summary>
/// The real service (Program) started in memory with the plain settings a deployment file gives it, to read what
/// the service makes of them: the routes it maps, the shutdown timeout its host applies. Credentials, the database and
/// telemetry export are left out (their values are secret or would reach the network); a test token and a temporary
/// SQLite file stand in for them.
/// </summary>
internal sealed class ConfiguredService : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "scim-deploy-" + Guid.NewGuid().ToString("N"));
    private readonly IReadOnlyDictionary<string, string> _environment;

    public ConfiguredService(IReadOnlyDictionary<string, string>? environment = null)
    {
        _environment = environment ?? new Dictionary<string, string>();
    }

    public IReadOnlySet<string> RoutePatterns() =>
        Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    public TimeSpan ShutdownTimeout() => Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (name, value) in _environment.Where(e => IsPlainSetting(e.Key)))
        {
            builder.UseSetting(ServiceConfigurationKeys.FromEnvironmentVariable(name), value);
        }

        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:Console:FormatterName", "simple");
        builder.UseSetting("Storage:Sqlite:Path", Path.Combine(_directory, "scim.db"));
        builder.UseSetting("Scim:Auth:Tokens:0:Tenant", "deployment-test");
        builder.UseSetting("Scim:Auth:Tokens:0:Hash", TokenHash.Compute(TokenHash.NewToken()));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static bool IsPlainSetting(string name)
    {
        var key = ServiceConfigurationKeys.FromEnvironmentVariable(name);
        return !name.StartsWith("OTEL_", StringComparison.Ordinal)
            && !key.StartsWith("ConnectionStrings:", StringComparison.OrdinalIgnoreCase)
            && !key.StartsWith("Scim:Auth:", StringComparison.OrdinalIgnoreCase)
            && !key.StartsWith("Storage:", StringComparison.OrdinalIgnoreCase);
    }
}
