using System.Text.Json;
using Scim.Api.Core.Storage;

namespace Scim.Api.Storage.Sqlite.Writing;

/// <summary>
/// Writes the audit record of a write in the write's own savepoint: the record commits exactly when the change does.
/// </summary>
internal sealed class AuditWriter(CommandCache commands)
{
    private const string InsertSql = """
        INSERT INTO audit (tenant, type, id, operation, credential_id, request_id, trace_id, at, version_before, version_after, changed, change_values)
        VALUES ($tenant, $type, $id, $operation, $credential_id, $request_id, $trace_id, $at, $version_before, $version_after, $changed, $change_values)
        """;

    public void Record(ResourceKey key, AuditEntry? entry, long? versionBefore, long? versionAfter)
    {
        if (entry is null)
        {
            return;
        }

        commands.Get(
            InsertSql,
            ("$tenant", key.Tenant),
            ("$type", key.Type.Name),
            ("$id", key.Id),
            ("$operation", AuditOperationNames.Of(entry.Operation)),
            ("$credential_id", entry.CredentialId),
            ("$request_id", entry.RequestId),
            ("$trace_id", entry.TraceId),
            ("$at", RoundTripTime.Format(entry.At)),
            ("$version_before", versionBefore),
            ("$version_after", versionAfter),
            ("$changed", JsonSerializer.Serialize(entry.ChangedAttributes, StoreJsonContext.Default.IReadOnlyListString)),
            ("$change_values", entry.Values?.ToJsonString())).ExecuteNonQuery();
    }
}
