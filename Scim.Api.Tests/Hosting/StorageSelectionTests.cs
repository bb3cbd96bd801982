using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scim.Api.Application.Events;
using Scim.Api.Core.Storage;
using Scim.Api.Hosting;
using Scim.Api.Hosting.Telemetry;
using Scim.Api.Storage;
using Scim.Api.Storage.Mongo;
using Scim.Api.Storage.Sqlite;

namespace Scim.Api.Tests.Hosting;

/// <summary>Configuration chooses the store; nothing here starts the host, so no database is contacted.</summary>
public sealed class StorageSelectionTests
{
    private static WebApplication Build(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.AddScim();
        builder.AddScimStorage();
        return builder.Build();
    }

    [Fact]
    public async Task NoConnectionString_SelectsTheEmbeddedSqliteStore()
    {
        await using var app = Build(("Storage:Sqlite:Path", Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "s.db")));
        Assert.IsType<SqliteResourceStore>(ChosenStore(app));
    }

    [Fact]
    public async Task MongoConnectionString_SelectsMongoDB_WithTheConfiguredDatabase()
    {
        await using var app = Build(("ConnectionStrings:Mongo", "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=100"), ("Storage:Mongo:Database", "tenants"));
        Assert.IsType<MongoResourceStore>(ChosenStore(app));
        var options = app.Services.GetRequiredService<IOptions<MongoStoreOptions>>().Value;
        Assert.Equal("tenants", options.Database);
        Assert.Equal("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=100", options.ConnectionString);
    }

    [Fact]
    public async Task InvalidMongoConnectionString_FailsValidationNamingTheKey()
    {
        await using var app = Build(("ConnectionStrings:Mongo", "not-a-mongo-url"));
        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<MongoStoreOptions>>().Value);
        Assert.Contains("ConnectionStrings:Mongo", error.Message, StringComparison.Ordinal);
    }

    // Under the decorators every store gets: telemetry, then the wake-up of webhook delivery.
    private static IResourceStore ChosenStore(WebApplication app) =>
        Assert.IsType<SignallingResourceStore>(Assert.IsType<InstrumentedResourceStore>(app.Services.GetRequiredService<IResourceStore>()).Inner).Inner;
}
