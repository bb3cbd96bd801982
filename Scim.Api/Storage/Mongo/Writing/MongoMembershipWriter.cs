using MongoDB.Bson;
using MongoDB.Driver;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Storage;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// Membership rows of a group as it changes (<see cref="MongoMemberships"/>), the members it names looked up by whole
/// <c>_id</c> (their types, and unknown ids refused when configured), and the groups that lose a member touched.
/// </summary>
internal sealed class MongoMembershipWriter(MongoCollections collections, MongoTypes types, bool rejectUnknownMembers)
{
    /// <summary>
    /// The type of each named member that is a resource of the tenant; throws 400 <c>invalidValue</c> naming up to five
    /// that are not, when unknown members are refused.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> ResolveAsync(
        string tenant, IReadOnlyList<MemberReference> members, MongoSession session, CancellationToken cancellationToken)
    {
        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        var ids = members.Select(member => member.Value).Distinct(StringComparer.Ordinal).ToList();
        foreach (var chunk in ids.Chunk(MongoRelationships.BatchSize))
        {
            var found = await session.Find(collections.Resources, MongoFields.AnyKeyOf(tenant, types.AllNames, chunk))
                .Project(new BsonDocument(MongoFields.Id, 1))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var resource in found)
            {
                known.TryAdd(resource[MongoFields.Id]["id"].AsString, resource[MongoFields.Id]["rt"].AsString);
            }
        }

        var unknown = ids.Where(id => !known.ContainsKey(id)).Take(5).ToList();
        if (rejectUnknownMembers && unknown.Count > 0)
        {
            throw ScimErrors.UnknownMembers(unknown);
        }

        return known;
    }

    public async Task ApplyAsync(
        MongoSession session, ResourceKey group, MembershipDelta delta, IReadOnlyDictionary<string, string> knownTypes, CancellationToken cancellationToken)
    {
        var changes = MongoMemberships.Changes(group.Tenant, group.Id, delta, knownTypes);
        try
        {
            await session.BulkWriteAsync(collections.Memberships, changes, cancellationToken).ConfigureAwait(false);
        }
        catch (MongoBulkWriteException exception) when (!session.InTransaction
            && exception.WriteErrors.All(error => error.Category == ServerErrorCategory.DuplicateKey) && exception.WriteConcernError is null)
        {
            // Two concurrent upserts of the same new member: one inserted the row, the other's duplicate key means
            // the member is present, which is what both asked for.
        }
    }

    /// <summary>
    /// The groups (by id) get a new version and modification time: their member lists changed. Returns each group
    /// touched with its new version, read back in the same session, for its change event.
    /// </summary>
    public async Task<List<(string Type, string Id, long Version)>> TouchGroupsAsync(
        MongoSession session, string tenant, IEnumerable<string> groupIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var touch = new BsonDocument
        {
            { "$set", new BsonDocument(MongoFields.LastModifiedTicks, now.UtcTicks) },
            { "$inc", new BsonDocument(MongoFields.Version, 1L) },
        };
        var touched = new List<(string, string, long)>();
        foreach (var chunk in groupIds.Distinct(StringComparer.Ordinal).Chunk(MongoRelationships.BatchSize))
        {
            var keys = MongoFields.AnyKeyOf(tenant, types.GroupNames, chunk);
            await session.UpdateManyAsync(collections.Resources, keys, touch, cancellationToken).ConfigureAwait(false);
            var versions = await session.Find(collections.Resources, keys)
                .Project(new BsonDocument { { MongoFields.Id, 1 }, { MongoFields.Version, 1 } })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            touched.AddRange(versions.Select(group =>
                (group[MongoFields.Id]["rt"].AsString, group[MongoFields.Id]["id"].AsString, group[MongoFields.Version].ToInt64())));
        }

        return touched;
    }

    /// <summary>The ids of a group's members, read before a remove-all takes them out (for its change event).</summary>
    public async Task<IReadOnlyCollection<string>> MemberIdsAsync(MongoSession session, ResourceKey group, CancellationToken cancellationToken)
    {
        var rows = await session.Find(collections.Memberships, MongoMemberships.Group(group.Tenant, group.Id))
            .Project(new BsonDocument { { MongoFields.Id, 0 }, { MongoFields.MembershipMember, 1 } })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(row => row[MongoFields.MembershipMember].AsString)];
    }
}
