using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MongoDB.Driver;
using Scim.Api.Application;
using Scim.Api.Application.Events;
using Scim.Api.Core.Activity;
using Scim.Api.Core.Events;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;
using Scim.Api.Hosting.Telemetry;
using Scim.Api.Storage;
using Scim.Api.Storage.Mongo;
using Scim.Api.Storage.Sqlite;

namespace Scim.Api.Hosting;

public static class StorageServiceCollectionExtensions
{
    public const string SqliteSection = "Storage:Sqlite";
    public const string MongoSection = "Storage:Mongo";
    public const string MongoConnectionStringKey = "ConnectionStrings:Mongo";

    /// <summary>
    /// Chooses the store: a MongoDB connection string (<c>ConnectionStrings:Mongo</c>, environment
    /// <c>ConnectionStrings__Mongo</c>) selects MongoDB; none selects the embedded SQLite file store.
    /// </summary>
    public static IHostApplicationBuilder AddScimStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var mongo = builder.Configuration[MongoConnectionStringKey];
        if (string.IsNullOrWhiteSpace(mongo))
        {
            AddSqlite(builder.Services);
        }
        else
        {
            AddMongo(builder.Services, mongo);
        }

        builder.Services.AddSingleton<StoreInitializer>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<StoreInitializer>());
        return builder;
    }

    private static void AddSqlite(IServiceCollection services)
    {
        services.AddOptions<SqliteStoreOptions>().BindConfiguration(SqliteSection)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Path), $"{SqliteSection}:Path must name the database file.")
            .Validate(o => o.BusyTimeoutMs >= 0, $"{SqliteSection}:BusyTimeoutMs must not be negative.")
            .ValidateOnStart();
        // One switch for both stores: Scim:RejectUnknownMembers.
        services.AddOptions<SqliteStoreOptions>().PostConfigure<IOptions<ScimServiceOptions>>(
            (sqlite, scim) => sqlite.RejectUnknownMembers = scim.Value.RejectUnknownMembers);
        services.AddSingleton(provider => new SqliteResourceStore(
            provider.GetRequiredService<IOptions<SqliteStoreOptions>>().Value,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILoggerFactory>()));
        AddInstrumented<SqliteResourceStore>(services, InstrumentedResourceStore.Sqlite);
        services.AddSingleton<IStoreLifecycle>(provider => provider.GetRequiredService<SqliteResourceStore>());
        services.AddSingleton<IAuditTrail>(provider => provider.GetRequiredService<SqliteResourceStore>());
        services.AddSingleton<IStoreRetention>(provider => provider.GetRequiredService<SqliteResourceStore>());
        services.AddSingleton<IResourceCounter>(provider => provider.GetRequiredService<SqliteResourceStore>());
        services.AddSingleton<IChangeEventLog>(provider => provider.GetRequiredService<SqliteResourceStore>());
        services.AddSingleton<ISubscriptionStore>(provider => provider.GetRequiredService<SqliteResourceStore>());
        services.AddSingleton<IRequestLog>(provider => provider.GetRequiredService<SqliteResourceStore>());
        services.AddSingleton<IKeyRingStore>(provider => provider.GetRequiredService<SqliteResourceStore>());
    }

    private static void AddMongo(IServiceCollection services, string connectionString)
    {
        services.AddOptions<MongoStoreOptions>().BindConfiguration(MongoSection)
            .PostConfigure<IOptions<ScimServiceOptions>>((mongo, scim) =>
            {
                mongo.ConnectionString = connectionString;
                mongo.RejectUnknownMembers = scim.Value.RejectUnknownMembers;
            })
            .Validate(o => IsValidConnectionString(o.ConnectionString), $"{MongoConnectionStringKey} is not a valid MongoDB connection string.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Database), $"{MongoSection}:Database must name a database.")
            .Validate(o => o.OperationTimeout > TimeSpan.Zero, $"{MongoSection}:OperationTimeout must be positive.")
            .Validate(o => o.StartupRetryAttempts >= 0, $"{MongoSection}:StartupRetryAttempts must not be negative.")
            .Validate(o => o.CircuitBreakerFailureRatio is > 0 and <= 1, $"{MongoSection}:CircuitBreakerFailureRatio must be in (0, 1].")
            .Validate(o => o.MaxMembershipRowsPerTransaction > 0, $"{MongoSection}:MaxMembershipRowsPerTransaction must be positive.")
            .ValidateOnStart();
        services.AddSingleton(provider => MongoClientFactory.Create(provider.GetRequiredService<IOptions<MongoStoreOptions>>().Value));
        services.AddSingleton(provider => new MongoResourceStore(
            provider.GetRequiredService<IMongoClient>(),
            provider.GetRequiredService<SchemaRegistry>(),
            provider.GetRequiredService<IOptions<MongoStoreOptions>>().Value,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILoggerFactory>()));
        AddInstrumented<MongoResourceStore>(services, InstrumentedResourceStore.Mongo);
        services.AddSingleton<IStoreLifecycle>(provider => provider.GetRequiredService<MongoResourceStore>());
        services.AddSingleton<IAuditTrail>(provider => provider.GetRequiredService<MongoResourceStore>());
        services.AddSingleton<IStoreRetention>(provider => provider.GetRequiredService<MongoResourceStore>());
        services.AddSingleton<IResourceCounter>(provider => provider.GetRequiredService<MongoResourceStore>());
        services.AddSingleton<IChangeEventLog>(provider => provider.GetRequiredService<MongoResourceStore>());
        services.AddSingleton<ISubscriptionStore>(provider => provider.GetRequiredService<MongoResourceStore>());
        services.AddSingleton<IRequestLog>(provider => provider.GetRequiredService<MongoResourceStore>());
        services.AddSingleton<IKeyRingStore>(provider => provider.GetRequiredService<MongoResourceStore>());
    }

    /// <summary>
    /// The pipeline sees the chosen store through the decorator that traces and times every call, around the one that
    /// wakes this replica's webhook delivery after each write.
    /// </summary>
    private static void AddInstrumented<TStore>(IServiceCollection services, string storeName)
        where TStore : class, IResourceStore
    {
        services.TryAddSingleton<ChangeSignal>();
        services.AddSingleton<IResourceStore>(provider => new InstrumentedResourceStore(
            new SignallingResourceStore(provider.GetRequiredService<TStore>(), provider.GetRequiredService<ChangeSignal>()), storeName));
    }

    private static bool IsValidConnectionString(string text)
    {
        try
        {
            _ = MongoUrl.Create(text);
            return true;
        }
        catch (MongoConfigurationException)
        {
            return false;
        }
    }
}
