using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Scim.Api.Hosting.Auth;

namespace Scim.Api.Tests.Support;

/// <summary>
/// The real service (real auth handler, real SQLite store in a fresh temporary file) behind an in-memory server.
/// Tokens are minted here and only their hashes are configured, as in production.
/// </summary>
public sealed class ScimApiFactory : WebApplicationFactory<Program>
{
    public const string Tenant = "tenant-a";
    public const string OtherTenant = "tenant-b";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "scim-tests-" + Guid.NewGuid().ToString("N"));

    public ScimApiFactory() => DatabasePath = Path.Combine(_directory, "scim.db");

    /// <summary>The SQLite file; two factories given the same one are two replicas of one service.</summary>
    public string DatabasePath { get; init; }

    public string WriteToken { get; } = TokenHash.NewToken();

    public string ReadOnlyToken { get; } = TokenHash.NewToken();

    public string OtherTenantToken { get; } = TokenHash.NewToken();

    /// <summary>An operator token for /admin/v1 (id "ops"); it belongs to no tenant.</summary>
    public string AdminToken { get; } = TokenHash.NewToken();

    /// <summary>The host environment: "Testing" unless a test needs another ("Development" accepts webhooks to loopback over HTTP).</summary>
    public string EnvironmentName { get; init; } = "Testing";

    /// <summary>Extra configuration for a test class (e.g. lower limits), applied after the defaults.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    public HttpClient CreateScimClient(string? token = null) => this.ScimClient(token ?? WriteToken);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Storage:Sqlite:Path", DatabasePath);
        builder.UseSetting("Scim:Auth:Tokens:0:Id", "writer");
        builder.UseSetting("Scim:Auth:Tokens:0:Tenant", Tenant);
        builder.UseSetting("Scim:Auth:Tokens:0:Hash", TokenHash.Compute(WriteToken));
        builder.UseSetting("Scim:Auth:Tokens:1:Id", "reader");
        builder.UseSetting("Scim:Auth:Tokens:1:Tenant", Tenant);
        builder.UseSetting("Scim:Auth:Tokens:1:Hash", TokenHash.Compute(ReadOnlyToken));
        builder.UseSetting("Scim:Auth:Tokens:1:ReadOnly", "true");
        builder.UseSetting("Scim:Auth:Tokens:2:Id", "other");
        builder.UseSetting("Scim:Auth:Tokens:2:Tenant", OtherTenant);
        builder.UseSetting("Scim:Auth:Tokens:2:Hash", TokenHash.Compute(OtherTenantToken));
        builder.UseSetting("Scim:Admin:Tokens:0:Id", "ops");
        builder.UseSetting("Scim:Admin:Tokens:0:Hash", TokenHash.Compute(AdminToken));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
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
}

/// <summary>Clients and variants of a service under test, whichever factory it came from.</summary>
public static class ScimApiFactoryExtensions
{
    /// <summary>A client of the service that sends <paramref name="token"/> and follows no redirect.</summary>
    public static HttpClient ScimClient(this WebApplicationFactory<Program> server, string token)
    {
        var client = server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The service with test services registered after its own (fakes, capturing loggers, a fake clock).</summary>
    public static WebApplicationFactory<Program> WithTestServices(this WebApplicationFactory<Program> server, Action<IServiceCollection> configure) =>
        server.WithWebHostBuilder(builder => builder.ConfigureTestServices(configure));
}
