using MongoDB.Bson;
using Scim.Api.Core.Storage;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// The field names of the collections. A resource is
/// <c>{ _id: { t, rt, id }, v, createdTicks, lastModifiedTicks, externalId, display, displayKey, unique: { … }, present: [ … ], fold: { … }, doc: { … } }</c>:
/// <c>doc</c> is the document as written and is what reads return; <c>fold</c> is the same document with its
/// case-insensitive text folded (<see cref="MongoFoldedDocument"/>), which filters and sorts read; <c>present</c>
/// lists the attribute paths that have a value (<see cref="MongoPresence"/>). A membership is
/// <c>{ _id: ObjectId, t, g, m, gk, mk, type, typeKey, display, displayKey }</c> (the <c>…Key</c> fields fold their
/// neighbours). A tombstone is a resource with <c>deletedAtTicks</c> (and <c>purging</c> while a purge removes it); a
/// membership kept with a tombstone adds its owner's id <c>o</c>. An audit record is
/// <c>{ _id: ObjectId, t, rt, id, op, credential, requestId, traceId, at, atTicks, versionBefore, versionAfter, changed: [ … ], values: { … } }</c>.
/// A change event is <c>{ _id: ObjectId, t, p, rt, id, op, v, at, atTicks, changed: [ … ], added: [ … ], removed: [ … ], values: { … } }</c>,
/// a tenant's last position <c>{ _id: tenant, t, p }</c>, a subscription
/// <c>{ _id: { t, id }, t, sid, def: { … }, fromConfig, created, cursor, status, revision, failingSince, lastError, leaseOwner, leaseUntilTicks }</c>.
/// Instants are 100 ns ticks (Int64): filters and sorts on meta.created and meta.lastModified use every tick.
/// </summary>
internal static class MongoFields
{
    public const string ResourcesCollection = "resources";
    public const string MembershipsCollection = "memberships";
    public const string TombstonesCollection = "tombstones";
    public const string TombstoneMembershipsCollection = "tombstoneMemberships";
    public const string AuditCollection = "audit";
    public const string EventsCollection = "events";
    public const string EventPositionsCollection = "eventPositions";
    public const string SubscriptionsCollection = "subscriptions";
    public const string RequestLogCollection = "requestLog";
    public const string RequestMinutesCollection = "requestMinutes";
    public const string CredentialActivityCollection = "credentialActivity";

    /// <summary>The console's cookie keys: a handful of documents, never sharded (docs/mongodb.md).</summary>
    public const string ConsoleKeysCollection = "consoleKeys";

    public const string Id = "_id";
    public const string Tenant = "_id.t";
    public const string ResourceType = "_id.rt";
    public const string ResourceId = "_id.id";
    public const string Version = "v";

    public const string CreatedTicks = "createdTicks";
    public const string LastModifiedTicks = "lastModifiedTicks";

    public const string ExternalId = "externalId";

    /// <summary>How the resource is named in others' members/groups: its displayName, else its userName.</summary>
    public const string Display = "display";

    /// <summary><see cref="Display"/> folded, for case-insensitive filters on members.display and groups.display.</summary>
    public const string DisplayKey = "displayKey";

    /// <summary>The folded values of unique attributes, keyed by encoded attribute name.</summary>
    public const string Unique = "unique";

    /// <summary>The attribute paths with a value (RFC 7644 §3.4.2.2 "pr"), upper-cased.</summary>
    public const string Present = "present";

    /// <summary>The document with case-insensitive text folded: what filters and sorts compare.</summary>
    public const string Folded = "fold";

    public const string Document = "doc";

    public const string MembershipTenant = "t";
    public const string MembershipGroup = "g";
    public const string MembershipMember = "m";
    public const string MembershipGroupKey = "gk";
    public const string MembershipMemberKey = "mk";
    public const string MembershipType = "type";
    public const string MembershipTypeKey = "typeKey";
    public const string MembershipDisplay = "display";
    public const string MembershipDisplayKey = "displayKey";
    public const string MembershipOwner = "o";

    public const string DeletedAtTicks = "deletedAtTicks";

    /// <summary>Set on a tombstone once a purge has claimed it: it can no longer be restored.</summary>
    public const string Purging = "purging";

    /// <summary>
    /// Set on a tombstone (or a restored resource) while its membership rows are still being moved in batches, when
    /// there were too many for one transaction (<see cref="MongoStoreOptions.MaxMembershipRowsPerTransaction"/>).
    /// </summary>
    public const string RowsPending = "rowsPending";

    public const string AuditTenant = "t";
    public const string AuditResourceType = "rt";
    public const string AuditResourceId = "id";
    public const string AuditOperation = "op";
    public const string AuditCredential = "credential";
    public const string AuditRequestId = "requestId";
    public const string AuditTraceId = "traceId";
    public const string AuditAt = "at";
    public const string AuditAtTicks = "atTicks";
    public const string AuditVersionBefore = "versionBefore";
    public const string AuditVersionAfter = "versionAfter";
    public const string AuditChanged = "changed";
    public const string AuditValues = "values";

    public const string EventTenant = "t";
    public const string EventPosition = "p";
    public const string EventResourceType = "rt";
    public const string EventResourceId = "id";
    public const string EventOperation = "op";
    public const string EventVersion = "v";
    public const string EventAt = "at";
    public const string EventAtTicks = "atTicks";
    public const string EventChanged = "changed";
    public const string EventAdded = "added";
    public const string EventRemoved = "removed";
    public const string EventValues = "values";

    public const string PositionTenant = "t";
    public const string PositionLast = "p";

    public const string SubscriptionTenant = "t";
    public const string SubscriptionId = "sid";
    public const string SubscriptionDefinition = "def";
    public const string SubscriptionFromConfiguration = "fromConfig";
    public const string SubscriptionCreatedTicks = "created";
    public const string SubscriptionCursor = "cursor";
    public const string SubscriptionStatus = "status";
    public const string SubscriptionRevision = "revision";
    public const string SubscriptionFailingSinceTicks = "failingSince";
    public const string SubscriptionLastError = "lastError";
    public const string SubscriptionLeaseOwner = "leaseOwner";
    public const string SubscriptionLeaseUntilTicks = "leaseUntilTicks";
    public const string LogTenant = "t";
    public const string LogAtTicks = "atTicks";
    public const string LogCredential = "c";
    public const string LogClient = "ua";
    public const string LogMethod = "method";
    public const string LogRoute = "route";
    public const string LogOperation = "op";
    public const string LogResourceType = "rt";
    public const string LogResourceId = "rid";
    public const string LogStatus = "st";
    public const string LogScimType = "scimType";
    public const string LogDetail = "detail";
    public const string LogDurationMicros = "us";
    public const string MinuteTicks = "minuteTicks";
    public const string LastCallTicks = "lastTicks";
    public const string RecentStatuses = "recent";

    /// <summary>When a log document may go: a BSON date that the TTL index <c>expiry</c> reads.</summary>
    public const string ExpireAt = "expireAt";

    /// <summary>The composite key; field order is part of BSON document equality, so it is built only here.</summary>
    public static BsonDocument KeyOf(ResourceKey key) => KeyOf(key.Tenant, key.Type.Name, key.Id);

    public static BsonDocument KeyOf(string tenant, string type, string id) =>
        new() { { "t", tenant }, { "rt", type }, { "id", id } };

    /// <summary>
    /// The filter for one resource (or tombstone) by its key: the whole <c>_id</c> (its unique index), and the
    /// tenant and type again as fields, so that on a sharded cluster the operation names the shard key
    /// (<c>_id.t</c>, <c>_id.rt</c>) outright: an upsert must, and every other single-document write is then routed to
    /// one shard (docs/mongodb.md, Sharding).
    /// </summary>
    public static BsonDocument ByKey(ResourceKey key) => ByKey(key.Tenant, key.Type.Name, key.Id);

    public static BsonDocument ByKey(string tenant, string type, string id) =>
        new() { { Id, KeyOf(tenant, type, id) }, { Tenant, tenant }, { ResourceType, type } };

    /// <summary>
    /// The keys an id may have in a tenant, one per candidate type: <c>_id: { $in: [...] }</c> finds a resource by
    /// id through the unique <c>_id</c> index whatever its type, where <c>_id.id</c> alone would scan the tenant.
    /// </summary>
    public static BsonDocument AnyKeyOf(string tenant, IEnumerable<string> types, IEnumerable<string> ids)
    {
        var keys = new BsonArray();
        foreach (var id in ids)
        {
            foreach (var type in types)
            {
                keys.Add(KeyOf(tenant, type, id));
            }
        }

        return new BsonDocument(Id, new BsonDocument("$in", keys));
    }

    public static string UniqueField(string attributeName) => MongoFieldNames.Path(Unique, attributeName);
}
