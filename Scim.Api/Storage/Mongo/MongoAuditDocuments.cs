using MongoDB.Bson;
using Scim.Api.Core.Storage;

namespace Scim.Api.Storage.Mongo;

/// <summary>The stored form of an audit record (see <see cref="MongoFields"/>), its reading back, and the admin query.</summary>
internal static class MongoAuditDocuments
{
    /// <summary>Newest first; the ObjectId breaks ties between records of the same instant in insertion order.</summary>
    public static readonly BsonDocument NewestFirst = new() { { MongoFields.AuditAtTicks, -1 }, { MongoFields.Id, -1 } };

    public static BsonDocument ForEntry(ResourceKey key, AuditEntry entry, long? versionBefore, long? versionAfter)
    {
        var stored = new BsonDocument
        {
            { MongoFields.AuditTenant, key.Tenant },
            { MongoFields.AuditResourceType, key.Type.Name },
            { MongoFields.AuditResourceId, key.Id },
            { MongoFields.AuditOperation, AuditOperationNames.Of(entry.Operation) },
            { MongoFields.AuditCredential, entry.CredentialId },
            { MongoFields.AuditRequestId, entry.RequestId is null ? BsonNull.Value : entry.RequestId },
            { MongoFields.AuditTraceId, entry.TraceId is null ? BsonNull.Value : entry.TraceId },
            { MongoFields.AuditAt, MongoConditions.ToBsonDate(entry.At) },
            { MongoFields.AuditAtTicks, entry.At.UtcTicks },
            { MongoFields.AuditVersionBefore, versionBefore is { } before ? before : BsonNull.Value },
            { MongoFields.AuditVersionAfter, versionAfter is { } after ? after : BsonNull.Value },
            { MongoFields.AuditChanged, new BsonArray(entry.ChangedAttributes) },
        };
        if (entry.Values is { } values)
        {
            stored.Add(MongoFields.AuditValues, MongoJsonConverter.ToBson(values));
        }

        return stored;
    }

    public static AuditRecord Read(BsonDocument stored) => new(
        stored[MongoFields.AuditTenant].AsString,
        stored[MongoFields.AuditResourceType].AsString,
        stored[MongoFields.AuditResourceId].AsString,
        AuditOperationNames.Parse(stored[MongoFields.AuditOperation].AsString),
        stored[MongoFields.AuditCredential].AsString,
        TextOrNull(stored, MongoFields.AuditRequestId),
        TextOrNull(stored, MongoFields.AuditTraceId),
        new DateTimeOffset(stored[MongoFields.AuditAtTicks].ToInt64(), TimeSpan.Zero),
        NumberOrNull(stored, MongoFields.AuditVersionBefore),
        NumberOrNull(stored, MongoFields.AuditVersionAfter),
        [.. stored[MongoFields.AuditChanged].AsBsonArray.Select(name => name.AsString)],
        stored.TryGetValue(MongoFields.AuditValues, out var values) && values.IsBsonDocument ? MongoJsonConverter.ToJson(values.AsBsonDocument) : null);

    /// <summary>Every given criterion must hold; <c>from</c> is inclusive, <c>to</c> exclusive.</summary>
    public static BsonDocument Filter(AuditQuery query)
    {
        var filter = new BsonDocument();
        AddIfPresent(filter, MongoFields.AuditTenant, query.Tenant);
        AddIfPresent(filter, MongoFields.AuditResourceType, query.ResourceType);
        AddIfPresent(filter, MongoFields.AuditResourceId, query.ResourceId);
        var range = new BsonDocument();
        if (query.From is { } from)
        {
            range.Add("$gte", from.UtcTicks);
        }

        if (query.To is { } to)
        {
            range.Add("$lt", to.UtcTicks);
        }

        if (range.ElementCount > 0)
        {
            filter.Add(MongoFields.AuditAtTicks, range);
        }

        return filter;
    }

    private static void AddIfPresent(BsonDocument filter, string field, string? value)
    {
        if (value is not null)
        {
            filter.Add(field, value);
        }
    }

    private static string? TextOrNull(BsonDocument stored, string field) =>
        stored.TryGetValue(field, out var value) && value.IsString ? value.AsString : null;

    private static long? NumberOrNull(BsonDocument stored, string field) =>
        stored.TryGetValue(field, out var value) && value.IsNumeric ? value.ToInt64() : null;
}
