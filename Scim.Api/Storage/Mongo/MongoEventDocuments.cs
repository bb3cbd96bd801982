using MongoDB.Bson;
using Scim.Api.Core.Events;
using Scim.Api.Core.Storage;

namespace Scim.Api.Storage.Mongo;

/// <summary>The stored form of a change event (see <see cref="MongoFields"/>) and its reading back.</summary>
internal static class MongoEventDocuments
{
    public static readonly BsonDocument OldestFirst = new(MongoFields.EventPosition, 1);

    public static BsonDocument For(ChangeRecord change, long position)
    {
        var stored = new BsonDocument
        {
            { MongoFields.EventTenant, change.Tenant },
            { MongoFields.EventPosition, position },
            { MongoFields.EventResourceType, change.ResourceType },
            { MongoFields.EventResourceId, change.ResourceId },
            { MongoFields.EventOperation, ChangeOperationNames.Of(change.Operation) },
            { MongoFields.EventVersion, change.Version },
            { MongoFields.EventAt, MongoConditions.ToBsonDate(change.At) },
            { MongoFields.EventAtTicks, change.At.UtcTicks },
            { MongoFields.EventChanged, new BsonArray(change.ChangedAttributes) },
        };
        if (change.MembersAdded.Count > 0)
        {
            stored.Add(MongoFields.EventAdded, new BsonArray(change.MembersAdded));
        }

        if (change.MembersRemoved.Count > 0)
        {
            stored.Add(MongoFields.EventRemoved, new BsonArray(change.MembersRemoved));
        }

        if (change.Values is { } values)
        {
            stored.Add(MongoFields.EventValues, MongoJsonConverter.ToBson(values));
        }

        return stored;
    }

    public static ChangeEvent Read(BsonDocument stored) => new(
        stored[MongoFields.EventTenant].AsString,
        stored[MongoFields.EventPosition].ToInt64(),
        stored[MongoFields.EventResourceType].AsString,
        stored[MongoFields.EventResourceId].AsString,
        ChangeOperationNames.Parse(stored[MongoFields.EventOperation].AsString),
        stored[MongoFields.EventVersion].ToInt64(),
        new DateTimeOffset(stored[MongoFields.EventAtTicks].ToInt64(), TimeSpan.Zero),
        Names(stored, MongoFields.EventChanged),
        Names(stored, MongoFields.EventAdded),
        Names(stored, MongoFields.EventRemoved),
        stored.TryGetValue(MongoFields.EventValues, out var values) && values.IsBsonDocument ? MongoJsonConverter.ToJson(values.AsBsonDocument) : null);

    /// <summary>A tenant's events after a position, in position order (the <c>tenant_position</c> index).</summary>
    public static BsonDocument After(string tenant, long position) => new()
    {
        { MongoFields.EventTenant, tenant },
        { MongoFields.EventPosition, new BsonDocument("$gt", position) },
    };

    /// <summary>A tenant's position counter, by <c>_id</c> and by the shard key <c>t</c>.</summary>
    public static BsonDocument Counter(string tenant) => new() { { MongoFields.Id, tenant }, { MongoFields.PositionTenant, tenant } };

    /// <summary>The events of one resource that still hold values (to erase them when the resource is purged).</summary>
    public static BsonDocument WithValuesOf(string tenant, string type, string id) => new()
    {
        { MongoFields.EventTenant, tenant },
        { MongoFields.EventResourceType, type },
        { MongoFields.EventResourceId, id },
        { MongoFields.EventValues, new BsonDocument("$exists", true) },
    };

    private static IReadOnlyList<string> Names(BsonDocument stored, string field) =>
        stored.TryGetValue(field, out var names) && names.IsBsonArray ? [.. names.AsBsonArray.Select(name => name.AsString)] : [];
}
