using System.Buffers;
using System.Text;
using System.Text.Json;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Storage;

namespace Scim.Api.Storage.Sqlite.Writing;

/// <summary>
/// Changes membership rows by key, one statement per kind of change whatever the number of members: the ids
/// travel as one JSON array parameter, so adding or removing a thousand members never reads or rewrites the
/// others. Re-adding a present member and removing an absent one change nothing.
/// </summary>
internal sealed class MembershipWriter(CommandCache commands, bool rejectUnknownMembers)
{
    // The member's type is the type of the resource with that id in the tenant, else what the client sent.
    private const string AddSql = """
        INSERT OR IGNORE INTO memberships (tenant, group_id, member_id, member_type, display)
        SELECT $tenant, $group_id, j.value ->> '$.value',
               coalesce((SELECT r.type FROM resources AS r
                         WHERE r.tenant = $tenant AND r.id = j.value ->> '$.value'
                         ORDER BY r.type = (j.value ->> '$.type') DESC LIMIT 1),
                        j.value ->> '$.type'),
               j.value ->> '$.display'
        FROM json_each($members) AS j
        """;

    private const string FirstUnknownSql = """
        SELECT j.value ->> '$.value' FROM json_each($members) AS j
        WHERE NOT EXISTS (SELECT 1 FROM resources AS r WHERE r.tenant = $tenant AND r.id = j.value ->> '$.value')
        LIMIT 1
        """;

    private const string RemoveSql = """
        DELETE FROM memberships
        WHERE tenant = $tenant AND group_id = $group_id AND member_id IN (SELECT value FROM json_each($ids))
        """;

    private const string RemoveAllSql = "DELETE FROM memberships WHERE tenant = $tenant AND group_id = $group_id RETURNING member_id";

    private const string RemoveAsGroupSql = "DELETE FROM memberships WHERE tenant = $tenant AND group_id = $id";

    private const string RemoveAsMemberSql = "DELETE FROM memberships WHERE tenant = $tenant AND member_id = $id";

    public void Add(ResourceKey group, IReadOnlyList<MemberReference> members)
    {
        if (members.Count == 0)
        {
            return;
        }

        var json = MembersJson(members);
        if (rejectUnknownMembers
            && commands.Get(FirstUnknownSql, ("$tenant", group.Tenant), ("$members", json)).ExecuteScalar() is string unknown)
        {
            throw ScimErrors.UnknownMembers([unknown]);
        }

        commands.Get(AddSql, ("$tenant", group.Tenant), ("$group_id", group.Id), ("$members", json)).ExecuteNonQuery();
    }

    /// <summary>Applies the delta; returns the member ids a remove-all took out (for the change event), else null.</summary>
    public List<string>? Apply(ResourceKey group, MembershipDelta delta)
    {
        List<string>? cleared = null;
        if (delta.RemoveAll)
        {
            cleared = [];
            using var removed = commands.Get(RemoveAllSql, ("$tenant", group.Tenant), ("$group_id", group.Id)).ExecuteReader();
            while (removed.Read())
            {
                cleared.Add(removed.GetString(0));
            }
        }

        if (delta.Remove.Count > 0)
        {
            commands.Get(RemoveSql, ("$tenant", group.Tenant), ("$group_id", group.Id), ("$ids", IdsJson(delta.Remove)))
                .ExecuteNonQuery();
        }

        Add(group, delta.Add);
        return cleared;
    }

    /// <summary>Removes every membership naming the resource, as a group and as a member.</summary>
    public void RemoveEverywhere(ResourceKey resource)
    {
        commands.Get(RemoveAsGroupSql, ("$tenant", resource.Tenant), ("$id", resource.Id)).ExecuteNonQuery();
        commands.Get(RemoveAsMemberSql, ("$tenant", resource.Tenant), ("$id", resource.Id)).ExecuteNonQuery();
    }

    private static string MembersJson(IReadOnlyList<MemberReference> members)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * members.Count);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var member in members)
            {
                if (string.IsNullOrEmpty(member.Value))
                {
                    throw ScimErrors.MemberWithoutValue();
                }

                writer.WriteStartObject();
                writer.WriteString("value", member.Value);
                if (member.Type is not null)
                {
                    writer.WriteString("type", member.Type);
                }

                if (member.Display is not null)
                {
                    writer.WriteString("display", member.Display);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string IdsJson(IReadOnlyList<string> ids) => JsonSerializer.Serialize(ids, StoreJsonContext.Default.IReadOnlyListString);
}
