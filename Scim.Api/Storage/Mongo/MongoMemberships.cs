using MongoDB.Bson;
using MongoDB.Driver;
using Scim.Api.Core.Storage;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// Membership rows, one per (tenant, group, member): no group document ever holds its members, so adding or
/// removing N members costs N row operations in one unordered bulk write, whatever the group's size. A row also holds
/// the folded forms of its ids, type and display (<c>gk</c>, <c>mk</c>, <c>typeKey</c>, <c>displayKey</c>) for
/// case-insensitive filters, and the member's type as the member resource had it when the row was written (the
/// client's type for a member that is not a resource yet), as the SQLite store keeps it.
/// </summary>
internal static class MongoMemberships
{
    /// <summary>
    /// The bulk write of a delta. Adds are upserts, so adding a present member writes nothing (and, unlike an insert
    /// that fails with a duplicate key, does not abort the surrounding transaction); a member that the same delta
    /// removes or replaces gets the new type and display. Deletes never name an added member, which is what lets the
    /// write be unordered: remove-all, remove and add commute.
    /// </summary>
    /// <param name="knownTypes">The type of each added member that is a resource of the tenant.</param>
    public static List<WriteModel<BsonDocument>> Changes(string tenant, string groupId, MembershipDelta delta, IReadOnlyDictionary<string, string> knownTypes)
    {
        var adds = new Dictionary<string, MemberReference>(StringComparer.Ordinal);
        foreach (var member in delta.Add)
        {
            adds.TryAdd(member.Value, member);
        }

        var removed = new HashSet<string>(delta.Remove, StringComparer.Ordinal);
        var models = new List<WriteModel<BsonDocument>>();
        var addedIds = new BsonArray(adds.Keys);
        if (delta.RemoveAll)
        {
            var all = Group(tenant, groupId);
            if (adds.Count > 0)
            {
                all.Add(MongoFields.MembershipMember, new BsonDocument("$nin", addedIds));
            }

            models.Add(new DeleteManyModel<BsonDocument>(all));
        }

        var removeOnly = new BsonArray(removed.Where(id => !adds.ContainsKey(id)).Order(StringComparer.Ordinal));
        if (!delta.RemoveAll && removeOnly.Count > 0)
        {
            var filter = Group(tenant, groupId);
            filter.Add(MongoFields.MembershipMember, new BsonDocument("$in", removeOnly));
            models.Add(new DeleteManyModel<BsonDocument>(filter));
        }

        foreach (var member in adds.Values)
        {
            var fields = new BsonDocument
            {
                { MongoFields.MembershipGroupKey, MongoCaseFolding.Fold(groupId) },
                { MongoFields.MembershipMemberKey, MongoCaseFolding.Fold(member.Value) },
            };
            var unset = new BsonDocument();
            var type = knownTypes.TryGetValue(member.Value, out var known) ? known : member.Type;
            AddOptional(fields, unset, MongoFields.MembershipType, type);
            AddOptional(fields, unset, MongoFields.MembershipTypeKey, type is null ? null : MongoCaseFolding.Fold(type));
            AddOptional(fields, unset, MongoFields.MembershipDisplay, member.Display);
            AddOptional(fields, unset, MongoFields.MembershipDisplayKey, member.Display is null ? null : MongoCaseFolding.Fold(member.Display));
            var replaces = delta.RemoveAll || removed.Contains(member.Value);
            var update = new BsonDocument(replaces ? "$set" : "$setOnInsert", fields);
            if (replaces && unset.ElementCount > 0)
            {
                update.Add("$unset", unset);
            }

            models.Add(new UpdateOneModel<BsonDocument>(Row(tenant, groupId, member.Value), update) { IsUpsert = true });
        }

        return models;
    }

    public static BsonDocument Row(string tenant, string groupId, string memberId) => new()
    {
        { MongoFields.MembershipTenant, tenant },
        { MongoFields.MembershipGroup, groupId },
        { MongoFields.MembershipMember, memberId },
    };

    public static BsonDocument Group(string tenant, string groupId) => new()
    {
        { MongoFields.MembershipTenant, tenant },
        { MongoFields.MembershipGroup, groupId },
    };

    public static BsonDocument OfGroups(string tenant, IEnumerable<string> groupIds) => new()
    {
        { MongoFields.MembershipTenant, tenant },
        { MongoFields.MembershipGroup, new BsonDocument("$in", new BsonArray(groupIds)) },
    };

    public static BsonDocument OfMembers(string tenant, IEnumerable<string> memberIds) => new()
    {
        { MongoFields.MembershipTenant, tenant },
        { MongoFields.MembershipMember, new BsonDocument("$in", new BsonArray(memberIds)) },
    };

    /// <summary>Every row naming <paramref name="id"/>, as group or as member (each side served by its index).</summary>
    public static BsonDocument Naming(string tenant, string id) => new()
    {
        { MongoFields.MembershipTenant, tenant },
        { "$or", new BsonArray { new BsonDocument(MongoFields.MembershipGroup, id), new BsonDocument(MongoFields.MembershipMember, id) } },
    };

    private static void AddOptional(BsonDocument set, BsonDocument unset, string field, string? value)
    {
        if (value is null)
        {
            unset.Add(field, "");
        }
        else
        {
            set.Add(field, value);
        }
    }
}
