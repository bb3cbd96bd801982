using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Scim.Api.Core.Storage;
using Scim.Api.Storage.Sqlite.Schema;

namespace Scim.Api.Storage.Sqlite.Reading;

/// <summary>
/// Fills <c>members</c> (of a group) and <c>groups</c> (of a user) from the membership rows, for a whole page
/// in one statement each. A member's display is what the client sent, else the member's current display name.
/// </summary>
internal static class MembershipReader
{
    // The type of the resource a membership names (for its $ref) is read from resources_by_id (tenant, id, type)
    // alone: the index covers it.
    private const string MembersSql = """
        SELECT m.group_id, m.member_id, m.member_type,
               coalesce(m.display, (SELECT d.display_name FROM resources AS d
                                    WHERE d.tenant = m.tenant AND d.id = m.member_id LIMIT 1)),
               (SELECT t.type FROM resources AS t WHERE t.tenant = m.tenant AND t.id = m.member_id LIMIT 1)
        FROM memberships AS m
        WHERE m.tenant = $tenant AND m.group_id IN (SELECT value FROM json_each($ids))
        ORDER BY m.group_id, m.member_id
        LIMIT $limit + 0
        """;

    // RFC 7643 §4.1.2: groups are read-only and derived; only direct memberships are stored.
    private const string GroupsSql = """
        SELECT m.member_id, m.group_id, NULL,
               (SELECT g.display_name FROM resources AS g WHERE g.tenant = m.tenant AND g.id = m.group_id LIMIT 1),
               (SELECT t.type FROM resources AS t WHERE t.tenant = m.tenant AND t.id = m.group_id LIMIT 1)
        FROM memberships AS m
        WHERE m.tenant = $tenant AND m.member_id IN (SELECT value FROM json_each($ids))
        ORDER BY m.member_id, m.group_id
        """;

    /// <summary>The <c>type</c> of every <c>groups</c> value: only direct memberships are stored.</summary>
    public const string GroupType = "direct";

    /// <summary>
    /// A user's direct groups read in the same statement as the user: <see cref="UserGroupsJoin"/> gives one row per
    /// group (one row with NULLs when there is none), and these columns name the group and its display name.
    /// </summary>
    public const string UserGroupColumns =
        "m.group_id, (SELECT g.display_name FROM resources AS g WHERE g.tenant = m.tenant AND g.id = m.group_id LIMIT 1), "
        + "(SELECT t.type FROM resources AS t WHERE t.tenant = m.tenant AND t.id = m.group_id LIMIT 1)";

    /// <summary>Joins each user row <c>r</c> to its direct memberships, for <see cref="UserGroupColumns"/>.</summary>
    public const string UserGroupsJoin = "LEFT JOIN memberships AS m ON m.tenant = r.tenant AND m.member_id = r.id";

    /// <summary>
    /// Appends the group that a row read with <see cref="UserGroupColumns"/> at <paramref name="ordinal"/> names to
    /// the user's <c>groups</c>; a row of a user in no group adds nothing.
    /// </summary>
    public static void AddGroupOfRow(StoredResource user, SqliteDataReader reader, int ordinal)
    {
        if (!reader.IsDBNull(ordinal))
        {
            user.AddRelationValue(
                ResourceTypeLayout.GroupsAttribute,
                RelationReference.Value(reader.GetString(ordinal), TextOrNull(reader, ordinal + 1), GroupType, TextOrNull(reader, ordinal + 2)));
        }
    }

    public static async Task AttachAsync(
        SqliteConnection connection,
        string tenant,
        ResourceTypeLayout layout,
        IReadOnlyList<StoredResource> resources,
        ReadOptions options,
        CancellationToken cancellationToken)
    {
        if (resources.Count == 0)
        {
            return;
        }

        if (options.IncludeMembers && layout.HasMembers)
        {
            // One row past the bound tells that the bound is passed, without reading the rest.
            var read = await AttachAsync(
                connection, MembersSql, tenant, resources, ResourceTypeLayout.MembersAttribute, null, LimitPastBound(options.MaxMembers), cancellationToken)
                .ConfigureAwait(false);
            if (read > options.MaxMembers)
            {
                throw options.MembersBeyondLimit();
            }
        }

        if (options.IncludeGroups && layout.HasGroups)
        {
            await AttachAsync(connection, GroupsSql, tenant, resources, ResourceTypeLayout.GroupsAttribute, GroupType, null, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private static long LimitPastBound(int maxMembers) => maxMembers == int.MaxValue ? long.MaxValue : (long)maxMembers + 1;

    // Returns how many rows it read.
    private static async Task<long> AttachAsync(
        SqliteConnection connection,
        string sql,
        string tenant,
        IReadOnlyList<StoredResource> resources,
        string attribute,
        string? fixedType,
        long? limit,
        CancellationToken cancellationToken)
    {
        var byId = new Dictionary<string, JsonArray>(StringComparer.Ordinal);
        long read = 0;
        using var statement = ReaderStatements.Get(connection, sql);
        var command = statement.Command;
        command.Parameters.AddWithValue("$tenant", tenant);
        if (limit is { } rows)
        {
            command.Parameters.AddWithValue("$limit", rows);
        }

        command.Parameters.AddWithValue(
            "$ids", JsonSerializer.Serialize<IReadOnlyList<string>>([.. resources.Select(r => r.Id)], StoreJsonContext.Default.IReadOnlyListString));
        using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                read++;
                var owner = reader.GetString(0);
                if (!byId.TryGetValue(owner, out var values))
                {
                    values = [];
                    byId[owner] = values;
                }

                values.Add(RelationReference.Value(
                    reader.GetString(1), TextOrNull(reader, 3), fixedType ?? TextOrNull(reader, 2), TextOrNull(reader, 4)));
            }
        }

        foreach (var resource in resources)
        {
            if (byId.TryGetValue(resource.Id, out var values))
            {
                resource.SetRelation(attribute, values);
            }
        }

        return read;
    }

    private static string? TextOrNull(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
