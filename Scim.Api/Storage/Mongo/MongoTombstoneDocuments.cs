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

    public static BsonDocument ForDeletion(BsonDocument resource, DateTimeOffset deletedAt)
    {
        var tombstone = resource.DeepClone().AsBsonDocument;
        tombstone[MongoFields.DeletedAt] = MongoConditions.ToBsonDate(deletedAt);
        tombstone[MongoFields.DeletedAtTicks] = deletedAt.UtcTicks;
        return tombstone;
    }

    /// <summary>The resource document a restore inserts: the tombstone without its deletion time, at the next version.</summary>
    public static BsonDocument ForRestore(BsonDocument tombstone, DateTimeOffset restoredAt)
    {
        var resource = tombstone.DeepClone().AsBsonDocument;
        resource.Remove(MongoFields.DeletedAt);
        resource.Remove(MongoFields.DeletedAtTicks);
        resource[MongoFields.Version] = resource[MongoFields.Version].ToInt64() + 1;
        resource[MongoFields.LastModified] = MongoConditions.ToBsonDate(restoredAt);
        resource[MongoFields.LastModifiedTicks] = restoredAt.UtcTicks;
        return resource;
    }

    /// <summary>The upsert that puts a kept row back among the live memberships; a row present meanwhile is kept as it is.</summary>
    public static UpsertRow LiveMembership(BsonDocument kept)
    {
        var key = MongoMemberships.Row(
            kept[MongoFields.MembershipTenant].AsString, kept[MongoFields.MembershipGroup].AsString, kept[MongoFields.MembershipMember].AsString);
        var fields = new BsonDocument();
        CopyOptional(kept, fields);
        return new UpsertRow(key, new BsonDocument("$setOnInsert", fields.ElementCount > 0 ? fields : key.DeepClone()));
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
        foreach (var field in new[] { MongoFields.MembershipType, MongoFields.MembershipDisplay })
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
