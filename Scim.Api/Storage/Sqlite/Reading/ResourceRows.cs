using Microsoft.Data.Sqlite;
using Scim.Api.Core.Storage;
using Scim.Api.Storage.Sqlite.Schema;
using Scim.Api.Storage.Sqlite.Text;

namespace Scim.Api.Storage.Sqlite.Reading;

/// <summary>Reads resources from rows selected with <see cref="Columns"/>.</summary>
internal static class ResourceRows
{
    public const string Columns = "r.id, r.version, r.created, r.last_modified, r.document";

    private const string GetSql = $"SELECT {Columns} FROM resources AS r WHERE r.tenant = $tenant AND r.id = $id AND r.type = $type";

    public static StoredResource Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetInt64(1),
        InstantText.Parse(reader.GetString(2)),
        InstantText.Parse(reader.GetString(3)),
        StoredDocument.Parse(reader.GetString(4)));

    public static async Task<StoredResource?> GetAsync(SqliteConnection connection, ResourceKey key, CancellationToken cancellationToken)
    {
        using var statement = ReaderStatements.Get(connection, GetSql);
        var command = statement.Command;
        command.Parameters.AddWithValue("$tenant", key.Tenant);
        command.Parameters.AddWithValue("$id", key.Id);
        command.Parameters.AddWithValue("$type", key.Type.Name);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }
}
