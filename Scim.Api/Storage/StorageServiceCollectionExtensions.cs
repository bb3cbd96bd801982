using Microsoft.Extensions.Options;
using Scim.Api.Application;
using Scim.Api.Core.Storage;
using Scim.Api.Storage.Sqlite;

namespace Scim.Api.Storage;

public static class StorageServiceCollectionExtensions
{
    public const string SqliteSection = "Storage:Sqlite";

    /// <summary>The embedded SQLite store (the MongoDB store is chosen by a connection string once it exists).</summary>
    public static IHostApplicationBuilder AddScimStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<SqliteStoreOptions>().BindConfiguration(SqliteSection)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Path), $"{SqliteSection}:Path must name the database file.")
            .ValidateOnStart();
        // One switch for both stores: Scim:RejectUnknownMembers.
        builder.Services.AddOptions<SqliteStoreOptions>().PostConfigure<IOptions<ScimServiceOptions>>(
            (sqlite, scim) => sqlite.RejectUnknownMembers = scim.Value.RejectUnknownMembers);
        builder.Services.AddSingleton(provider => new SqliteResourceStore(
            provider.GetRequiredService<IOptions<SqliteStoreOptions>>().Value,
            provider.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<IResourceStore>(provider => provider.GetRequiredService<SqliteResourceStore>());
        builder.Services.AddSingleton<IStoreLifecycle>(provider => provider.GetRequiredService<SqliteResourceStore>());
        builder.Services.AddSingleton<StoreInitializer>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<StoreInitializer>());
        return builder;
    }
}
