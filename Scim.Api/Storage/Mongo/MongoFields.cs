using MongoDB.Bson;
using Scim.Api.Core.Storage;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// The field names of the collections. A resource is
/// <c>{ _id: { t, rt, id }, v, created, lastModified, createdTicks, lastModifiedTicks, externalId, display, unique: { … }, doc: { … } }</c>;
/// a membership is <c>{ _id: ObjectId, t, g, m, type, display }</c>. A tombstone is a resource with <c>deletedAt</c> and
/// <c>deletedAtTicks</c>; a membership kept with a tombstone adds its owner's id <c>o</c>. An audit record is
/// <c>{ _id: ObjectId, t, rt, id, op, credential, requestId, traceId, at, atTicks, versionBefore, versionAfter, changed: [ … ], values: { … } }</c>.
/// </summary>
internal static class MongoFields
{
    public const string ResourcesCollection = "resources";
    public const string MembershipsCollection = "memberships";
    public const string TombstonesCollection = "tombstones";
    public const string TombstoneMembershipsCollection = "tombstoneMemberships";
    public const string AuditCollection = "audit";

    public const string Id = "_id";
    public const string Tenant = "_id.t";
    public const string ResourceType = "_id.rt";
    public const string ResourceId = "_id.id";
    public const string Version = "v";

    // BSON dates (millisecond precision) for filters and sorting; the ticks give back the exact instants written.
    public const string Created = "created";
    public const string LastModified = "lastModified";
    public const string CreatedTicks = "createdTicks";
    public const string LastModifiedTicks = "lastModifiedTicks";

    public const string ExternalId = "externalId";

    /// <summary>How the resource is named in others' members/groups: its displayName, else its userName.</summary>
    public const string Display = "display";

    /// <summary>The folded values of unique attributes, keyed by encoded attribute name.</summary>
    public const string Unique = "unique";

    public const string Document = "doc";

    public const string MembershipTenant = "t";
    public const string MembershipGroup = "g";
    public const string MembershipMember = "m";
    public const string MembershipType = "type";
    public const string MembershipDisplay = "display";
    public const string MembershipOwner = "o";

    public const string DeletedAt = "deletedAt";
    public const string DeletedAtTicks = "deletedAtTicks";

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

    /// <summary>The composite key; field order is part of BSON document equality, so it is built only here.</summary>
    public static BsonDocument KeyOf(ResourceKey key) =>
        new() { { "t", key.Tenant }, { "rt", key.Type.Name }, { "id", key.Id } };

    public static string UniqueField(string attributeName) => MongoFieldNames.Path(Unique, attributeName);
}
