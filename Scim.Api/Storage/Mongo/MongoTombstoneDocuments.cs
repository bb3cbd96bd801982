using MongoDB.Bson;
using Scim.Api.Core.Storage;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// Tombstones and the membership rows kept with them. A tombstone is the resource document as it was, shadows
/// included, plus its deletion time, so a restore inserts back exactly what was deleted and the unique indexes of
/// the live collection judge it again.
/// </summary>
internal static class MongoTombstoneDocuments
{
    public static readonly BsonDocument NewestFirst = new() { { MongoFields.DeletedAtTicks, -1 }, { MongoFields.Id, -1 } };

    /// <summary>A tenant's tombstones deleted since the query's instant, of one type or all.</summary>
    public static BsonDocument Listing(DeletedQuery query)
    {
        var filter = new BsonDocument(MongoFields.Tenant, query.Tenant);
        if (query.Type is not null)
        {
            filter.Add(MongoFields.ResourceType, query.Type.Name);
        }

        filter.Add(MongoFields.DeletedAtTicks, new BsonDocument("$gte", query.DeletedSince.UtcTicks));
        return filter;
    }

    public static BsonDocument ForDeletion(BsonDocument resource, DateTimeOffset deletedAt)
    {
        var tombstone = resource.DeepClone().AsBsonDocument;
        tombstone[MongoFields.DeletedAtTicks] = deletedAt.UtcTicks;
        return tombstone;
    }

    /// <summary>The resource document a restore inserts: the tombstone without its deletion time, at the next version.</summary>
    public static BsonDocument ForRestore(BsonDocument tombstone, DateTimeOffset restoredAt)
    {
        var resource = tombstone.DeepClone().AsBsonDocument;
        resource.Remove(MongoFields.DeletedAtTicks);
        resource.Remove(MongoFields.RowsPending);
        resource[MongoFields.Version] = resource[MongoFields.Version].ToInt64() + 1;
        resource[MongoFields.LastModifiedTicks] = restoredAt.UtcTicks;
        return resource;
    }

    /// <summary>The upsert that puts a kept row back among the live memberships; a row present meanwhile is kept as it is.</summary>
    public static UpsertRow LiveMembership(BsonDocument kept)
    {
        var key = MongoMemberships.Row(
            kept[MongoFields.MembershipTenant].AsString, kept[MongoFields.MembershipGroup].AsString, kept[MongoFields.MembershipMember].AsString);
        var fields = new BsonDocument
        {
            { MongoFields.MembershipGroupKey, MongoCaseFolding.Fold(key[MongoFields.MembershipGroup].AsString) },
            { MongoFields.MembershipMemberKey, MongoCaseFolding.Fold(key[MongoFields.MembershipMember].AsString) },
        };
        CopyOptional(kept, fields);
        return new UpsertRow(key, new BsonDocument("$setOnInsert", fields));
    }

    /// <summary>
    /// The upsert that keeps a membership row (live, or kept by another tombstone) with the tombstone of
    /// <paramref name="ownerId"/>.
    /// </summary>
    public static UpsertRow HandedOver(BsonDocument row, string ownerId)
    {
        var key = new BsonDocument
        {
            { MongoFields.MembershipTenant, row[MongoFields.MembershipTenant] },
            { MongoFields.MembershipOwner, ownerId },
            { MongoFields.MembershipGroup, row[MongoFields.MembershipGroup] },
            { MongoFields.MembershipMember, row[MongoFields.MembershipMember] },
        };
        var fields = new BsonDocument();
        CopyOptional(row, fields);
        return new UpsertRow(key, new BsonDocument("$setOnInsert", fields.ElementCount > 0 ? fields : key.DeepClone()));
    }

    public static Tombstone Read(BsonDocument stored) => new(
        stored[MongoFields.Id]["rt"].AsString,
        stored[MongoFields.Id]["id"].AsString,
        stored[MongoFields.Version].ToInt64(),
        new DateTimeOffset(stored[MongoFields.CreatedTicks].ToInt64(), TimeSpan.Zero),
        new DateTimeOffset(stored[MongoFields.LastModifiedTicks].ToInt64(), TimeSpan.Zero),
        new DateTimeOffset(stored[MongoFields.DeletedAtTicks].ToInt64(), TimeSpan.Zero),
        stored.TryGetValue(MongoFields.Display, out var display) && display.IsString ? display.AsString : null);

    private static void CopyOptional(BsonDocument from, BsonDocument to)
    {
        foreach (var field in new[] { MongoFields.MembershipType, MongoFields.MembershipTypeKey, MongoFields.MembershipDisplay, MongoFields.MembershipDisplayKey })
        {
            if (from.TryGetValue(field, out var value) && value.IsString)
            {
                to[field] = value;
            }
        }
    }
}

/// <summary>An upsert by <see cref="Filter"/> that writes <see cref="Update"/> only when it inserts.</summary>
internal sealed record UpsertRow(BsonDocument Filter, BsonDocument Update);
