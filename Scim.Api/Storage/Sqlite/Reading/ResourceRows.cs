using Microsoft.Data.Sqlite;
using Scim.Api.Core.Storage;
using Scim.Api.Storage.Sqlite.Schema;

namespace Scim.Api.Storage.Sqlite.Reading;

/// <summary>Reads resources from rows selected with <see cref="Columns"/>.</summary>
internal static class ResourceRows
{
    public const string Columns = "r.id, r.version, r.created, r.last_modified, r.document";

    private const string GetSql = $"SELECT {Columns} FROM resources AS r WHERE r.tenant = $tenant AND r.id = $id AND r.type = $type";

    // One row per group (one row with NULLs when there is none): a single statement reads the user and its groups
    // in one snapshot, without the BEGIN, second statement and COMMIT of a separate membership read.
    private const string GetWithGroupsSql = $"""
        SELECT {Columns}, {MembershipReader.UserGroupColumns}
        FROM resources AS r
        {MembershipReader.UserGroupsJoin}
        WHERE r.tenant = $tenant AND r.id = $id AND r.type = $type
        ORDER BY m.group_id
        """;

    public static StoredResource Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetInt64(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetFieldValue<byte[]>(4));

    public static async Task<StoredResource?> GetAsync(SqliteConnection connection, ResourceKey key, CancellationToken cancellationToken)
    {
        using var statement = ReaderStatements.Get(connection, GetSql);
        using var reader = await ByKey(statement.Command, key).ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    /// <summary>A user with its <c>groups</c> (RFC 7643 §4.1.2: direct memberships), as <see cref="MembershipReader"/> shapes them.</summary>
    public static async Task<StoredResource?> GetWithGroupsAsync(SqliteConnection connection, ResourceKey key, CancellationToken cancellationToken)
    {
        using var statement = ReaderStatements.Get(connection, GetWithGroupsSql);
        using var reader = await ByKey(statement.Command, key).ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var resource = Read(reader);
        do
        {
            MembershipReader.AddGroupOfRow(resource, reader, 5);
        }
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false));

        return resource;
    }

    /// <summary>A resource with what <paramref name="options"/> asks for: its members or its groups.</summary>
    public static async Task<StoredResource?> GetAsync(SqliteConnection connection, ResourceKey key, ReadOptions options, CancellationToken cancellationToken)
    {
        var layout = ResourceTypeLayout.Of(key.Type);
        var withMembers = options.IncludeMembers && layout.HasMembers;
        if (!withMembers && !(options.IncludeGroups && layout.HasGroups))
        {
            return await GetAsync(connection, key, cancellationToken).ConfigureAwait(false);
        }

        if (!withMembers)
        {
            return await GetWithGroupsAsync(connection, key, cancellationToken).ConfigureAwait(false);
        }

        using var snapshot = ReadSnapshot.Begin(connection);
        var resource = await GetAsync(connection, key, cancellationToken).ConfigureAwait(false);
        if (resource is not null)
        {
            await MembershipReader.AttachAsync(connection, key.Tenant, layout, [resource], options, cancellationToken).ConfigureAwait(false);
        }

        return resource;
    }

    private static SqliteCommand ByKey(SqliteCommand command, ResourceKey key)
    {
        command.Parameters.AddWithValue("$tenant", key.Tenant);
        command.Parameters.AddWithValue("$id", key.Id);
        command.Parameters.AddWithValue("$type", key.Type.Name);
        return command;
    }
}
