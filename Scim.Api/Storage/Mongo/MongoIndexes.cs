using MongoDB.Bson;
using MongoDB.Driver;
using Scim.Api.Core.Schema;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// Every index the store relies on, created by <see cref="MongoResourceStore.InitializeAsync"/> (creating an index
/// that exists with the same options is a no-op, so start-up is idempotent).
/// <list type="bullet">
/// <item>resources <c>scope</c> (t, rt, createdTicks, id): listing a type in a tenant in creation order (the default
/// order and the sort tie-break).
/// The <c>_id</c> index cannot serve it: it indexes the key document as one value, not its fields.</item>
/// <item>resources <c>unique_&lt;attr&gt;</c> (t, rt, unique.attr), unique, partial on the field existing: userName,
/// Group displayName and every other server-unique attribute; a duplicate is refused by the index (error 11000).</item>
/// <item>resources <c>externalId</c> (t, rt, externalId): identity providers look resources up by externalId.</item>
/// <item>resources <c>lastModified</c> (t, rt, lastModified): incremental sync filters on meta.lastModified.</item>
/// <item>memberships <c>membership</c> (t, g, m), unique: one row per member of a group; members of a group in order.</item>
/// <item>memberships <c>memberOf</c> (t, m): the groups of a user (User.groups) and clean-up on delete.</item>
/// <item>tombstones <c>deleted</c> (t, rt, deletedAtTicks): a tenant's tombstones, newest first; <c>age</c>
/// (deletedAtTicks): the purge of those past retention. No unique index: a tombstone holds no name.</item>
/// <item>tombstoneMemberships <c>owner</c> (t, o, g, m), unique: the rows a restore puts back; <c>group</c> (t, g) and
/// <c>member</c> (t, m): the rows naming a purged resource.</item>
/// <item>audit <c>resource</c> (t, rt, id, atTicks), <c>tenant</c> (t, atTicks), <c>time</c> (atTicks): the admin
/// queries, newest first, and the purge of records past retention.</item>
/// </list>
/// </summary>
internal static class MongoIndexes
{
    public static IReadOnlyList<MongoIndexDefinition> Resources(IEnumerable<ResourceTypeDefinition> types)
    {
        var indexes = new List<MongoIndexDefinition>
        {
            new("scope", Keys(MongoFields.CreatedTicks, MongoFields.ResourceId), Unique: false, PartialFilter: null),
            new("externalId", Keys(MongoFields.ExternalId), Unique: false, PartialFilter: null),
            new("lastModified", Keys(MongoFields.LastModified), Unique: false, PartialFilter: null),
        };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var unique in types.SelectMany(MongoUniqueAttribute.Of))
        {
            if (seen.Add(unique.Field))
            {
                indexes.Add(new(
                    unique.IndexName,
                    Keys(unique.Field),
                    Unique: true,
                    new BsonDocument(unique.Field, new BsonDocument("$exists", true))));
            }
        }

        return indexes;
    }

    public static IReadOnlyList<MongoIndexDefinition> Memberships() =>
    [
        new("membership", new BsonDocument { { MongoFields.MembershipTenant, 1 }, { MongoFields.MembershipGroup, 1 }, { MongoFields.MembershipMember, 1 } }, Unique: true, PartialFilter: null),
        new("memberOf", new BsonDocument { { MongoFields.MembershipTenant, 1 }, { MongoFields.MembershipMember, 1 } }, Unique: false, PartialFilter: null),
    ];

    public static IReadOnlyList<MongoIndexDefinition> Tombstones() =>
    [
        new("deleted", Keys(MongoFields.DeletedAtTicks), Unique: false, PartialFilter: null),
        new("age", new BsonDocument(MongoFields.DeletedAtTicks, 1), Unique: false, PartialFilter: null),
    ];

    public static IReadOnlyList<MongoIndexDefinition> TombstoneMemberships() =>
    [
        new("owner", new BsonDocument { { MongoFields.MembershipTenant, 1 }, { MongoFields.MembershipOwner, 1 }, { MongoFields.MembershipGroup, 1 }, { MongoFields.MembershipMember, 1 } }, Unique: true, PartialFilter: null),
        new("group", new BsonDocument { { MongoFields.MembershipTenant, 1 }, { MongoFields.MembershipGroup, 1 } }, Unique: false, PartialFilter: null),
        new("member", new BsonDocument { { MongoFields.MembershipTenant, 1 }, { MongoFields.MembershipMember, 1 } }, Unique: false, PartialFilter: null),
    ];

    public static IReadOnlyList<MongoIndexDefinition> Audit() =>
    [
        new("resource", new BsonDocument { { MongoFields.AuditTenant, 1 }, { MongoFields.AuditResourceType, 1 }, { MongoFields.AuditResourceId, 1 }, { MongoFields.AuditAtTicks, 1 } }, Unique: false, PartialFilter: null),
        new("tenant", new BsonDocument { { MongoFields.AuditTenant, 1 }, { MongoFields.AuditAtTicks, 1 } }, Unique: false, PartialFilter: null),
        new("time", new BsonDocument(MongoFields.AuditAtTicks, 1), Unique: false, PartialFilter: null),
    ];

    private static BsonDocument Keys(params ReadOnlySpan<string> fields)
    {
        var keys = new BsonDocument { { MongoFields.Tenant, 1 }, { MongoFields.ResourceType, 1 } };
        foreach (var field in fields)
        {
            keys.Add(field, 1);
        }

        return keys;
    }
}

/// <summary>One index as the createIndexes command describes it.</summary>
internal sealed record MongoIndexDefinition(string Name, BsonDocument Keys, bool Unique, BsonDocument? PartialFilter)
{
    /// <summary>The index specification of the createIndexes command.</summary>
    public BsonDocument Render()
    {
        var spec = new BsonDocument { { "name", Name }, { "key", Keys } };
        if (Unique)
        {
            spec.Add("unique", true);
        }

        if (PartialFilter is not null)
        {
            spec.Add("partialFilterExpression", PartialFilter);
        }

        return spec;
    }

    public CreateIndexModel<BsonDocument> ToModel() => new(
        new BsonDocumentIndexKeysDefinition<BsonDocument>(Keys),
        new CreateIndexOptions<BsonDocument>
        {
            Name = Name,
            Unique = Unique ? true : null,
            PartialFilterExpression = PartialFilter is null ? null : new BsonDocumentFilterDefinition<BsonDocument>(PartialFilter),
        });
}
