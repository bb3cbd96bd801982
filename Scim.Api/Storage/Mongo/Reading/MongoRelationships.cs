using System.Text.Json.Nodes;
using MongoDB.Bson;
using MongoDB.Driver;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// Group.members and User.groups, read only when asked for, from the membership rows of a page's resources. Rows are
/// streamed from a cursor and their other ends looked up <see cref="BatchSize"/> at a time by whole <c>_id</c>, so a
/// group of a million members never puts a million ids into one command (16 MB) and never scans the tenant.
/// </summary>
internal sealed class MongoRelationships(MongoCollections collections, MongoTypes types)
{
    public const int BatchSize = 1000;

    public async Task AttachAsync(
        string tenant, ResourceTypeDefinition type, ReadOptions options, IReadOnlyList<StoredResource> resources, MongoSession session, CancellationToken cancellationToken)
    {
        if (resources.Count == 0)
        {
            return;
        }

        if (options.IncludeMembers && MongoTypes.MembersAttribute(type) is { } members)
        {
            await AddMembersAsync(tenant, members.Name, resources, options, session, cancellationToken).ConfigureAwait(false);
        }

        if (options.IncludeGroups && MongoTypes.GroupsAttribute(type) is { } groups)
        {
            await AddGroupsAsync(tenant, groups.Name, resources, session, cancellationToken).ConfigureAwait(false);
        }
    }

    // A member's display is the one the client gave, else the member resource's as it is now; its type is the one the
    // row keeps (resolved when it was written), else the member resource's. Every member is looked up, by whole _id, for
    // its $ref (RelationReference): only a member that exists has one. One member past options.MaxMembers stops the read.
    private async Task AddMembersAsync(
        string tenant, string attribute, IReadOnlyList<StoredResource> groups, ReadOptions options, MongoSession session, CancellationToken cancellationToken)
    {
        var byId = groups.ToDictionary(group => group.Id, StringComparer.Ordinal);
        var rows = session.Find(collections.Memberships, MongoMemberships.OfGroups(tenant, byId.Keys))
            .Sort(new BsonDocument { { MongoFields.MembershipTenant, 1 }, { MongoFields.MembershipGroup, 1 }, { MongoFields.MembershipMember, 1 } });
        if (options.MaxMembers < int.MaxValue)
        {
            rows = rows.Limit(options.MaxMembers + 1);
        }

        var read = 0;
        await ForEachBatchAsync(rows, async batch =>
        {
            read += batch.Count;
            if (read > options.MaxMembers)
            {
                throw options.MembersBeyondLimit();
            }

            var known = await LookUpAsync(tenant, types.AllNames, batch.Select(row => row[MongoFields.MembershipMember].AsString), session, cancellationToken)
                .ConfigureAwait(false);
            foreach (var row in batch)
            {
                var id = row[MongoFields.MembershipMember].AsString;
                var exists = known.TryGetValue(id, out var resource);
                var display = TextOf(row, MongoFields.MembershipDisplay) ?? resource.Display;
                var memberType = TextOf(row, MongoFields.MembershipType) ?? resource.Type;
                byId[row[MongoFields.MembershipGroup].AsString].AddRelationValue(attribute, RelationReference.Value(id, display, memberType, exists ? resource.Type : null));
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    // RFC 7643 §4.1.2: only direct memberships are kept, so every value's type is "direct". A row whose group is gone
    // (or of no group type) is not reported.
    private async Task AddGroupsAsync(
        string tenant, string attribute, IReadOnlyList<StoredResource> members, MongoSession session, CancellationToken cancellationToken)
    {
        var byId = members.ToDictionary(member => member.Id, StringComparer.Ordinal);
        var rows = session.Find(collections.Memberships, MongoMemberships.OfMembers(tenant, byId.Keys))
            .Sort(new BsonDocument { { MongoFields.MembershipTenant, 1 }, { MongoFields.MembershipMember, 1 }, { MongoFields.MembershipGroup, 1 } })
            .Project(new BsonDocument { { MongoFields.Id, 0 }, { MongoFields.MembershipGroup, 1 }, { MongoFields.MembershipMember, 1 } });
        await ForEachBatchAsync(rows, async batch =>
        {
            var groups = await LookUpAsync(
                tenant, types.GroupNames, batch.Select(row => row[MongoFields.MembershipGroup].AsString), session, cancellationToken).ConfigureAwait(false);
            foreach (var row in batch)
            {
                var groupId = row[MongoFields.MembershipGroup].AsString;
                if (groups.TryGetValue(groupId, out var group))
                {
                    byId[row[MongoFields.MembershipMember].AsString].AddRelationValue(attribute, RelationReference.Value(groupId, group.Display, "direct", group.Type));
                }
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The type and display of the resources with these ids, found by whole <c>_id</c>.</summary>
    private async Task<Dictionary<string, (string Type, string? Display)>> LookUpAsync(
        string tenant, IReadOnlyList<string> typeNames, IEnumerable<string> ids, MongoSession session, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, (string Type, string? Display)>(StringComparer.Ordinal);
        var distinct = ids.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
        {
            return found;
        }

        var resources = await session.Find(collections.Resources, MongoFields.AnyKeyOf(tenant, typeNames, distinct))
            .Project(new BsonDocument(MongoFields.Display, 1))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var resource in resources)
        {
            found.TryAdd(resource[MongoFields.Id]["id"].AsString, (resource[MongoFields.Id]["rt"].AsString, TextOf(resource, MongoFields.Display)));
        }

        return found;
    }

    private static async Task ForEachBatchAsync(
        IFindFluent<BsonDocument, BsonDocument> rows, Func<List<BsonDocument>, Task> handle, CancellationToken cancellationToken)
    {
        using var cursor = await rows.ToCursorAsync(cancellationToken).ConfigureAwait(false);
        var batch = new List<BsonDocument>(BatchSize);
        while (await cursor.MoveNextAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in cursor.Current)
            {
                batch.Add(row);
                if (batch.Count == BatchSize)
                {
                    await handle(batch).ConfigureAwait(false);
                    batch = new List<BsonDocument>(BatchSize);
                }
            }
        }

        if (batch.Count > 0)
        {
            await handle(batch).ConfigureAwait(false);
        }
    }

    private static string? TextOf(BsonDocument document, string field) =>
        document.TryGetValue(field, out var value) && value.IsString ? value.AsString : null;
}
