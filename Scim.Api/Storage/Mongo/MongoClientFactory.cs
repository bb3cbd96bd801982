using MongoDB.Driver;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// Creates the one <see cref="IMongoClient"/> of the process (register it as a singleton: it owns the connection
/// pools). Retryable reads and writes are the driver's (one retry); write concern and read preference are set per
/// collection by the store.
/// </summary>
public static class MongoClientFactory
{
    public static IMongoClient Create(MongoStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = MongoClientSettings.FromConnectionString(options.ConnectionString);
        settings.ApplicationName ??= "scim";
        settings.RetryReads = true;
        settings.RetryWrites = true;

        // Fail a call within the store's budget rather than after the driver's 30 s default.
        settings.ServerSelectionTimeout = options.OperationTimeout;
        return new MongoClient(settings);
    }
}
