using System.Globalization;
using MongoDB.Bson;
using Scim.Api.Core.Activity;
using Scim.Api.Core.Errors;

namespace Scim.Api.Storage.Mongo.Activity;

/// <summary>
/// The provisioning log's documents and the filters the store sends, built here only (the index coverage test renders
/// them). An entry is <c>{ _id: ObjectId, t, atTicks, c, ua, method, route, op, rt, rid, st, scimType, detail, us,
/// expireAt }</c>; its position is <c>atTicks:_id</c>, the order of the <c>tenant_newest</c> index.
/// </summary>
internal static class MongoRequestLogDocuments
{
    public static readonly BsonDocument NewestFirst = new() { { MongoFields.LogAtTicks, -1 }, { MongoFields.Id, -1 } };

    public static BsonDocument Entry(RequestLogEntry entry, DateTimeOffset expireAt)
    {
        var document = new BsonDocument
        {
            { MongoFields.Id, ObjectId.GenerateNewId() },
            { MongoFields.LogTenant, entry.Tenant },
            { MongoFields.LogAtTicks, entry.At.UtcTicks },
            { MongoFields.LogCredential, entry.Credential },
            { MongoFields.LogMethod, entry.Method },
            { MongoFields.LogRoute, entry.Route },
            { MongoFields.LogOperation, entry.Operation },
            { MongoFields.LogStatus, entry.Status },
            { MongoFields.LogDurationMicros, entry.Duration.Ticks / 10 },
            { MongoFields.ExpireAt, expireAt.UtcDateTime },
        };
        AddIfPresent(document, MongoFields.LogClient, entry.Client);
        AddIfPresent(document, MongoFields.LogResourceType, entry.ResourceType);
        AddIfPresent(document, MongoFields.LogResourceId, entry.ResourceId);
        AddIfPresent(document, MongoFields.LogScimType, entry.ScimType);
        AddIfPresent(document, MongoFields.LogDetail, entry.Detail);
        return document;
    }

    public static LoggedRequest Read(BsonDocument document) => new(
        PositionOf(document),
        new RequestLogEntry(
            document[MongoFields.LogTenant].AsString,
            new DateTimeOffset(document[MongoFields.LogAtTicks].ToInt64(), TimeSpan.Zero),
            document[MongoFields.LogCredential].AsString,
            Text(document, MongoFields.LogClient),
            document[MongoFields.LogMethod].AsString,
            document[MongoFields.LogRoute].AsString,
            document[MongoFields.LogOperation].AsString,
            Text(document, MongoFields.LogResourceType),
            Text(document, MongoFields.LogResourceId),
            document[MongoFields.LogStatus].ToInt32(),
            Text(document, MongoFields.LogScimType),
            Text(document, MongoFields.LogDetail),
            TimeSpan.FromTicks(document[MongoFields.LogDurationMicros].ToInt64() * 10)));

    /// <summary>
    /// The filter of a query: the tenant (and resource id) by equality, the index's order from the position back.
    /// </summary>
    public static BsonDocument Filter(RequestLogQuery query)
    {
        var filter = new BsonDocument(MongoFields.LogTenant, query.Tenant);
        if (query.ResourceId is not null)
        {
            filter.Add(MongoFields.LogResourceId, query.ResourceId);
        }

        if (query.ResourceType is not null)
        {
            filter.Add(MongoFields.LogResourceType, query.ResourceType);
        }

        if (query.Credential is not null)
        {
            filter.Add(MongoFields.LogCredential, query.Credential);
        }

        if (query.Status is { } status)
        {
            filter.Add(MongoFields.LogStatus, new BsonDocument { { "$gte", status.From }, { "$lte", status.To } });
        }

        if (query.Before is not null)
        {
            var (ticks, id) = ParsePosition(query.Before);
            filter.Add("$or", new BsonArray
            {
                new BsonDocument(MongoFields.LogAtTicks, new BsonDocument("$lt", ticks)),
                new BsonDocument { { MongoFields.LogAtTicks, ticks }, { MongoFields.Id, new BsonDocument("$lt", id) } },
            });
        }

        return filter;
    }

    /// <summary>Everything of a tenant at or before a position: what the trim deletes.</summary>
    public static BsonDocument AtOrBefore(string tenant, long ticks, ObjectId id) => new()
    {
        { MongoFields.LogTenant, tenant },
        {
            "$or", new BsonArray
            {
                new BsonDocument(MongoFields.LogAtTicks, new BsonDocument("$lt", ticks)),
                new BsonDocument { { MongoFields.LogAtTicks, ticks }, { MongoFields.Id, new BsonDocument("$lte", id) } },
            }
        },
    };

    public static BsonDocument MinutesSince(DateTimeOffset since) =>
        new(MongoFields.MinuteTicks, new BsonDocument("$gte", RoundedDown(since).UtcTicks));

    public static BsonDocument CallsSince(DateTimeOffset since) =>
        new(MongoFields.LastCallTicks, new BsonDocument("$gte", since.UtcTicks));

    public static DateTimeOffset RoundedDown(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, TimeSpan.Zero);
    }

    public static string PositionOf(BsonDocument document) =>
        string.Create(CultureInfo.InvariantCulture, $"{document[MongoFields.LogAtTicks].ToInt64()}:{document[MongoFields.Id].AsObjectId}");

    private static (long Ticks, ObjectId Id) ParsePosition(string position)
    {
        var colon = position.IndexOf(':', StringComparison.Ordinal);
        return colon > 0
            && long.TryParse(position.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ObjectId.TryParse(position[(colon + 1)..], out var id)
                ? (ticks, id)
                : throw ScimException.InvalidValue("The log position is not one this log handed out; start again from the newest entries.");
    }

    private static string? Text(BsonDocument document, string field) =>
        document.TryGetValue(field, out var value) && value.IsString ? value.AsString : null;

    private static void AddIfPresent(BsonDocument document, string field, string? value)
    {
        if (value is not null)
        {
            document.Add(field, value);
        }
    }
}
