using System.Text.Json;
using Scim.Api.Core.Events;
using Scim.Api.Core.Storage;

namespace Scim.Api.Storage.Sqlite.Writing;

/// <summary>
/// Writes change events in the savepoint of their change: an event commits exactly when its change does, and a change
/// rolled back (a duplicate, a stale version) leaves no event and no gap. The tenant's next position is its highest
/// plus one, read by the same statement under the writer's lock (see migration 4).
/// </summary>
internal sealed class EventWriter(CommandCache commands)
{
    private const string InsertSql = """
        INSERT INTO events (tenant, position, type, id, operation, version, at, changed, members_added, members_removed, change_values)
        VALUES ($tenant, coalesce((SELECT max(position) FROM events WHERE tenant = $tenant), 0) + 1,
                $type, $id, $operation, $version, $at, $changed, $members_added, $members_removed, $change_values)
        """;

    public void Record(ChangeRecord change) =>
        commands.Get(
            InsertSql,
            ("$tenant", change.Tenant),
            ("$type", change.ResourceType),
            ("$id", change.ResourceId),
            ("$operation", ChangeOperationNames.Of(change.Operation)),
            ("$version", change.Version),
            ("$at", RoundTripTime.Format(change.At)),
            ("$changed", Json(change.ChangedAttributes)),
            ("$members_added", change.MembersAdded.Count == 0 ? null : Json(change.MembersAdded)),
            ("$members_removed", change.MembersRemoved.Count == 0 ? null : Json(change.MembersRemoved)),
            ("$change_values", change.Values?.ToJsonString())).ExecuteNonQuery();

    private static string Json(IReadOnlyList<string> names) => JsonSerializer.Serialize(names, StoreJsonContext.Default.IReadOnlyListString);
}
