using MongoDB.Bson;
using MongoDB.Driver;

namespace Scim.Api.Storage.Mongo;

/// <summary>The store's collections, with <c>w: majority</c> writes and primary reads.</summary>
internal sealed class MongoCollections
{
    public MongoCollections(IMongoClient client, string database)
    {
        var db = client.GetDatabase(database, new MongoDatabaseSettings
        {
            WriteConcern = WriteConcern.WMajority,
            ReadPreference = ReadPreference.Primary,
        });
        Database = db;
        Resources = db.GetCollection<BsonDocument>(MongoFields.ResourcesCollection);
        Memberships = db.GetCollection<BsonDocument>(MongoFields.MembershipsCollection);
        Tombstones = db.GetCollection<BsonDocument>(MongoFields.TombstonesCollection);
        TombstoneMemberships = db.GetCollection<BsonDocument>(MongoFields.TombstoneMembershipsCollection);
        Audit = db.GetCollection<BsonDocument>(MongoFields.AuditCollection);
        Events = db.GetCollection<BsonDocument>(MongoFields.EventsCollection);
        EventPositions = db.GetCollection<BsonDocument>(MongoFields.EventPositionsCollection);
        Subscriptions = db.GetCollection<BsonDocument>(MongoFields.SubscriptionsCollection);
        RequestLog = db.GetCollection<BsonDocument>(MongoFields.RequestLogCollection);
        RequestMinutes = db.GetCollection<BsonDocument>(MongoFields.RequestMinutesCollection);
        CredentialActivity = db.GetCollection<BsonDocument>(MongoFields.CredentialActivityCollection);
        ConsoleKeys = db.GetCollection<BsonDocument>(MongoFields.ConsoleKeysCollection);
    }

    public IMongoDatabase Database { get; }

    public IMongoCollection<BsonDocument> Resources { get; }

    public IMongoCollection<BsonDocument> Memberships { get; }

    public IMongoCollection<BsonDocument> Tombstones { get; }

    public IMongoCollection<BsonDocument> TombstoneMemberships { get; }

    public IMongoCollection<BsonDocument> Audit { get; }

    public IMongoCollection<BsonDocument> Events { get; }

    public IMongoCollection<BsonDocument> EventPositions { get; }

    public IMongoCollection<BsonDocument> Subscriptions { get; }
    public IMongoCollection<BsonDocument> RequestLog { get; }

    public IMongoCollection<BsonDocument> RequestMinutes { get; }

    public IMongoCollection<BsonDocument> CredentialActivity { get; }

    public IMongoCollection<BsonDocument> ConsoleKeys { get; }

    public IMongoCollection<BsonDocument> Named(string name) => name switch
    {
        MongoFields.ResourcesCollection => Resources,
        MongoFields.MembershipsCollection => Memberships,
        MongoFields.TombstonesCollection => Tombstones,
        MongoFields.TombstoneMembershipsCollection => TombstoneMemberships,
        MongoFields.AuditCollection => Audit,
        MongoFields.EventsCollection => Events,
        MongoFields.EventPositionsCollection => EventPositions,
        MongoFields.SubscriptionsCollection => Subscriptions,
        MongoFields.RequestLogCollection => RequestLog,
        MongoFields.RequestMinutesCollection => RequestMinutes,
        MongoFields.CredentialActivityCollection => CredentialActivity,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a collection of the store."),
    };
}
