using MongoDB.Bson;
using MongoDB.Driver;
using Scim.Api.Core.Schema;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// Every index the store relies on, created by <see cref="MongoResourceStore.InitializeAsync"/> (creating an index
/// that exists with the same options is a no-op, so start-up is idempotent, and pods starting together are safe: the
/// server builds an index once and the others wait for it). Each order the store sorts by is served by an index that
/// holds the order's tie-breakers, so a page is an index walk (equality, sort, range: tenant and type, then the sort
/// fields); a descending sort whose ties stay in creation order has its own index, walked backward.
/// <list type="bullet">
/// <item>resources <c>scope</c> (t, rt, createdTicks, id): the default order, meta.created ascending, the tenant's count.</item>
/// <item>resources <c>created_desc</c> (t, rt, createdTicks, id descending): meta.created descending, walked backward.</item>
/// <item>resources <c>id</c> (t, rt, id): sorting by id and id filters; a resource of known type is read by its whole <c>_id</c>.</item>
/// <item>resources <c>externalId_created</c> (t, rt, externalId, createdTicks, id): identity providers look resources up by externalId.</item>
/// <item>resources <c>lastModified_asc</c> / <c>lastModified_desc</c> (t, rt, lastModifiedTicks, createdTicks, id):
/// incremental sync filters and sorts on meta.lastModified.</item>
/// <item>resources <c>unique_&lt;attr&gt;</c> (t, rt, unique.attr), unique, partial on the field existing: userName,
/// Group displayName and every other server-unique attribute; a duplicate is refused by the index (error 11000), and
/// the index serves sorting by the attribute.</item>
/// <item>memberships <c>membership</c> (t, g, m), unique: one row per member of a group; a group's members in order.</item>
/// <item>memberships <c>memberOf_group</c> (t, m, g): the groups of a member; its rows when it is deleted.</item>
/// <item>tombstones <c>deleted_newest</c> (t, deletedAtTicks, _id) and <c>deleted_newest_type</c> (t, rt,
/// deletedAtTicks, _id): a tenant's tombstones newest first; <c>age</c> (deletedAtTicks): the purge.</item>
/// <item>resources and tombstones <c>pending</c> (rowsPending), partial: the rare resource whose membership rows a
/// restore or a delete still moves in batches, for the purger to finish after a crash.</item>
/// <item>tombstoneMemberships <c>owner</c> (t, o, g, m), unique: the rows a restore puts back; <c>group</c> (t, g) and
/// <c>member</c> (t, m): the rows naming a purged resource.</item>
/// <item>audit <c>resource_newest</c> (t, rt, id, atTicks, _id), <c>tenant_newest</c> (t, atTicks, _id),
/// <c>type_newest</c> (t, rt, atTicks, _id), <c>time_newest</c> (atTicks, _id): the admin queries newest first, and the
/// purge of records past retention.</item>
/// <item>events <c>tenant_position</c> (t, p), unique: a tenant's events after a position, in order (delivery and the
/// admin's pull); <c>resource</c> (t, rt, id): a purged resource's values erased; <c>age</c> (atTicks, _id): retention.</item>
/// <item>eventPositions <c>tenant</c> (t), unique: each tenant's last position, read by <c>_id</c> and named by its shard key.</item>
/// <item>subscriptions <c>tenant</c> (t, sid), unique: a tenant's subscriptions, and every tenant's in that order.</item>
/// </list>
/// <see cref="Obsolete"/> names indexes earlier versions created under other keys; start-up drops them.
/// </summary>
internal static class MongoIndexes
{
    public static IReadOnlyList<MongoIndexDefinition> Resources(IEnumerable<ResourceTypeDefinition> types)
    {
        var indexes = new List<MongoIndexDefinition>
        {
            new("scope", Keys(MongoFields.CreatedTicks, MongoFields.ResourceId), Unique: false, PartialFilter: null),
            new("created_desc", Keys().Add(MongoFields.CreatedTicks, 1).Add(MongoFields.ResourceId, -1), Unique: false, PartialFilter: null),
            new("id", Keys(MongoFields.ResourceId), Unique: false, PartialFilter: null),
            new("externalId_created", Keys(MongoFields.ExternalId, MongoFields.CreatedTicks, MongoFields.ResourceId), Unique: false, PartialFilter: null),
            new("lastModified_asc", Keys(MongoFields.LastModifiedTicks, MongoFields.CreatedTicks, MongoFields.ResourceId), Unique: false, PartialFilter: null),
            new(
                "lastModified_desc",
                Keys(MongoFields.LastModifiedTicks).Add(MongoFields.CreatedTicks, -1).Add(MongoFields.ResourceId, -1),
                Unique: false,
                PartialFilter: null),
        };
        indexes.Add(Pending());
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
        new("memberOf_group", new BsonDocument { { MongoFields.MembershipTenant, 1 }, { MongoFields.MembershipMember, 1 }, { MongoFields.MembershipGroup, 1 } }, Unique: false, PartialFilter: null),
    ];

    public static IReadOnlyList<MongoIndexDefinition> Tombstones() =>
    [
        new("deleted_newest", new BsonDocument { { MongoFields.Tenant, 1 }, { MongoFields.DeletedAtTicks, 1 }, { MongoFields.Id, 1 } }, Unique: false, PartialFilter: null),
        new("deleted_newest_type", Keys(MongoFields.DeletedAtTicks, MongoFields.Id), Unique: false, PartialFilter: null),
        new("age", new BsonDocument(MongoFields.DeletedAtTicks, 1), Unique: false, PartialFilter: null),
        Pending(),
    ];

    // The few documents whose membership rows are still being moved in batches, for the purger to finish.
    private static MongoIndexDefinition Pending() => new(
        "pending",
        new BsonDocument(MongoFields.RowsPending, 1),
        Unique: false,
        new BsonDocument(MongoFields.RowsPending, new BsonDocument("$exists", true)));

    public static IReadOnlyList<MongoIndexDefinition> TombstoneMemberships() =>
    [
        new("owner", new BsonDocument { { MongoFields.MembershipTenant, 1 }, { MongoFields.MembershipOwner, 1 }, { MongoFields.MembershipGroup, 1 }, { MongoFields.MembershipMember, 1 } }, Unique: true, PartialFilter: null),
        new("group", new BsonDocument { { MongoFields.MembershipTenant, 1 }, { MongoFields.MembershipGroup, 1 } }, Unique: false, PartialFilter: null),
        new("member", new BsonDocument { { MongoFields.MembershipTenant, 1 }, { MongoFields.MembershipMember, 1 } }, Unique: false, PartialFilter: null),
    ];

    public static IReadOnlyList<MongoIndexDefinition> Audit() =>
    [
        new("resource_newest", new BsonDocument { { MongoFields.AuditTenant, 1 }, { MongoFields.AuditResourceType, 1 }, { MongoFields.AuditResourceId, 1 }, { MongoFields.AuditAtTicks, 1 }, { MongoFields.Id, 1 } }, Unique: false, PartialFilter: null),
        new("tenant_newest", new BsonDocument { { MongoFields.AuditTenant, 1 }, { MongoFields.AuditAtTicks, 1 }, { MongoFields.Id, 1 } }, Unique: false, PartialFilter: null),
        new("type_newest", new BsonDocument { { MongoFields.AuditTenant, 1 }, { MongoFields.AuditResourceType, 1 }, { MongoFields.AuditAtTicks, 1 }, { MongoFields.Id, 1 } }, Unique: false, PartialFilter: null),
        new("time_newest", new BsonDocument { { MongoFields.AuditAtTicks, 1 }, { MongoFields.Id, 1 } }, Unique: false, PartialFilter: null),
    ];

    public static IReadOnlyList<MongoIndexDefinition> Events() =>
    [
        new("tenant_position", new BsonDocument { { MongoFields.EventTenant, 1 }, { MongoFields.EventPosition, 1 } }, Unique: true, PartialFilter: null),
        new("resource", new BsonDocument { { MongoFields.EventTenant, 1 }, { MongoFields.EventResourceType, 1 }, { MongoFields.EventResourceId, 1 } }, Unique: false, PartialFilter: null),
        new("age", new BsonDocument { { MongoFields.EventAtTicks, 1 }, { MongoFields.Id, 1 } }, Unique: false, PartialFilter: null),
    ];

    public static IReadOnlyList<MongoIndexDefinition> EventPositions() =>
    [
        new("tenant", new BsonDocument(MongoFields.PositionTenant, 1), Unique: true, PartialFilter: null),
    ];

    public static IReadOnlyList<MongoIndexDefinition> Subscriptions() =>
    [
        new("tenant", new BsonDocument { { MongoFields.SubscriptionTenant, 1 }, { MongoFields.SubscriptionId, 1 } }, Unique: true, PartialFilter: null),
    ];

    /// <summary>Drops the obsolete indexes and creates the declared ones, collection by collection.</summary>
    public static async Task EnsureAsync(MongoCollections collections, IEnumerable<ResourceTypeDefinition> types, CancellationToken cancellationToken)
    {
        foreach (var (collection, names) in Obsolete)
        {
            foreach (var name in names)
            {
                try
                {
                    await collections.Named(collection).Indexes.DropOneAsync(name, cancellationToken).ConfigureAwait(false);
                }
                catch (MongoCommandException exception) when (exception.Code is IndexNotFound or NamespaceNotFound)
                {
                    // Already gone (or dropped by another replica starting at the same time).
                }
            }
        }

        foreach (var (collection, indexes) in All(types))
        {
            await collections.Named(collection).Indexes.CreateManyAsync(indexes.Select(index => index.ToModel()), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every declared index, by collection.</summary>
    public static IReadOnlyList<(string Collection, IReadOnlyList<MongoIndexDefinition> Indexes)> All(IEnumerable<ResourceTypeDefinition> types) =>
    [
        (MongoFields.ResourcesCollection, Resources(types)),
        (MongoFields.MembershipsCollection, Memberships()),
        (MongoFields.TombstonesCollection, Tombstones()),
        (MongoFields.TombstoneMembershipsCollection, TombstoneMemberships()),
        (MongoFields.AuditCollection, Audit()),
        (MongoFields.EventsCollection, Events()),
        (MongoFields.EventPositionsCollection, EventPositions()),
        (MongoFields.SubscriptionsCollection, Subscriptions()),
        (MongoFields.RequestLogCollection, RequestLog()),
        (MongoFields.RequestMinutesCollection, RequestMinutes()),
        (MongoFields.CredentialActivityCollection, CredentialActivity()),
    ];

    // The provisioning log: a tenant's entries newest first, one resource's entries newest first, and a TTL index on
    // each document's own expiry time (set when written from the configured retention, so a change of retention needs
    // no index change). Entries beyond a tenant's bound are trimmed by the writer on tenant_newest.
    public static IReadOnlyList<MongoIndexDefinition> RequestLog() =>
    [
        new("tenant_newest", new BsonDocument { { MongoFields.LogTenant, 1 }, { MongoFields.LogAtTicks, 1 }, { MongoFields.Id, 1 } }, Unique: false, PartialFilter: null),
        new("resource_newest", new BsonDocument { { MongoFields.LogTenant, 1 }, { MongoFields.LogResourceId, 1 }, { MongoFields.LogAtTicks, 1 }, { MongoFields.Id, 1 } }, Unique: false, PartialFilter: null),
        Expiry(),
    ];

    // One document per tenant, credential and minute, upserted by $inc; the overview reads the last hour by minute.
    public static IReadOnlyList<MongoIndexDefinition> RequestMinutes() =>
    [
        new("minute_key", new BsonDocument { { MongoFields.LogTenant, 1 }, { MongoFields.LogCredential, 1 }, { MongoFields.MinuteTicks, 1 } }, Unique: true, PartialFilter: null),
        new("minute", new BsonDocument(MongoFields.MinuteTicks, 1), Unique: false, PartialFilter: null),
        Expiry(),
    ];

    // One document per tenant and credential: its last call and last statuses.
    public static IReadOnlyList<MongoIndexDefinition> CredentialActivity() =>
    [
        new("credential_key", new BsonDocument { { MongoFields.LogTenant, 1 }, { MongoFields.LogCredential, 1 } }, Unique: true, PartialFilter: null),
        new("last_call", new BsonDocument(MongoFields.LastCallTicks, 1), Unique: false, PartialFilter: null),
        Expiry(),
    ];

    private static MongoIndexDefinition Expiry() =>
        new("expiry", new BsonDocument(MongoFields.ExpireAt, 1), Unique: false, PartialFilter: null, ExpireAfter: TimeSpan.Zero);

    private const int NamespaceNotFound = 26;
    private const int IndexNotFound = 27;

    /// <summary>Index names earlier versions created with other keys, per collection; start-up drops them.</summary>
    public static IReadOnlyDictionary<string, string[]> Obsolete { get; } = new Dictionary<string, string[]>
    {
        [MongoFields.ResourcesCollection] = ["externalId", "lastModified"],
        [MongoFields.MembershipsCollection] = ["memberOf"],
        [MongoFields.TombstonesCollection] = ["deleted"],
        [MongoFields.AuditCollection] = ["resource", "tenant", "time"],
    };

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
internal sealed record MongoIndexDefinition(string Name, BsonDocument Keys, bool Unique, BsonDocument? PartialFilter, TimeSpan? ExpireAfter = null)
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

        if (ExpireAfter is { } expireAfter)
        {
            spec.Add("expireAfterSeconds", (long)expireAfter.TotalSeconds);
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
            ExpireAfter = ExpireAfter,
        });
}
