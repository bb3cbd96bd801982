using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Scim.Api.Core.Paging;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;
using Scim.Api.Storage.Sqlite;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Storage.Sqlite;

public sealed class SqliteSchemaTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Dispose();

    private async Task<string> InitializedFileAsync()
    {
        var path = _directory.File("scim.db");
        await using var store = new SqliteResourceStore(new SqliteStoreOptions { Path = path }, TimeProvider.System);
        await store.InitializeAsync(Ct);
        return path;
    }

    private static List<string> Column(string path, string sql, int column = 0)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(Convert.ToString(reader.GetValue(column), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return values;
    }

    [Fact]
    public async Task Resources_HaveTheDocumentAndItsShadowColumns()
    {
        var path = await InitializedFileAsync();

        Assert.Equal(
            ["seq", "tenant", "type", "id", "version", "created", "last_modified", "external_id", "unique_key", "display_key", "display_name", "document"],
            Column(path, "SELECT name FROM pragma_table_info('resources') ORDER BY cid"));
    }

    [Theory]
    [InlineData("resources_by_id", "tenant,id,type", true)]
    [InlineData("resources_by_unique_key", "tenant,type,unique_key", true)]
    [InlineData("resources_by_type", "tenant,type", false)]
    [InlineData("resources_by_external_id", "tenant,type,external_id", false)]
    [InlineData("resources_by_display_key", "tenant,type,display_key", false)]
    [InlineData("resources_by_created", "tenant,type,created", false)]
    [InlineData("resources_by_last_modified", "tenant,type,last_modified", false)]
    [InlineData("memberships_by_member", "tenant,member_id", false)]
    public async Task Indexes_CoverTheColumnsQueriesUse(string index, string columns, bool unique)
    {
        var path = await InitializedFileAsync();

        Assert.Equal(columns, string.Join(",", Column(path, $"SELECT name FROM pragma_index_info('{index}') ORDER BY seqno")));
        Assert.Equal(unique ? "1" : "0", Assert.Single(Column(path, $"SELECT \"unique\" FROM pragma_index_list('{(index.StartsWith("memberships", StringComparison.Ordinal) ? "memberships" : "resources")}') WHERE name = '{index}'")));
    }

    [Fact]
    public async Task Memberships_AreKeyedByTenantGroupAndMember()
    {
        var path = await InitializedFileAsync();

        Assert.Equal(["tenant", "group_id", "member_id", "member_type", "display"], Column(path, "SELECT name FROM pragma_table_info('memberships') ORDER BY cid"));
        Assert.Equal(["tenant", "group_id", "member_id"], Column(path, "SELECT name FROM pragma_table_info('memberships') WHERE pk > 0 ORDER BY pk"));
    }

    [Fact]
    public async Task Migrations_AreRecordedOnceHoweverOftenTheStoreStarts()
    {
        var path = await InitializedFileAsync();
        await using (var again = new SqliteResourceStore(new SqliteStoreOptions { Path = path }, TimeProvider.System))
        {
            await again.InitializeAsync(Ct);
        }

        Assert.Equal(["1", "2", "3", "4", "5"], Column(path, "SELECT version FROM schema_migrations ORDER BY version"));
    }

    [Fact]
    public async Task Initialize_OnAFileFromANewerBuild_IsRefused()
    {
        var path = await InitializedFileAsync();
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_migrations (version, description, applied_at) VALUES (99, 'future', 'now')";
            command.ExecuteNonQuery();
        }

        await using var store = new SqliteResourceStore(new SqliteStoreOptions { Path = path }, TimeProvider.System);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.InitializeAsync(Ct));

        Assert.Contains("version 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tombstones_HaveTheResourceColumnsAndTheDeletionTime()
    {
        var path = await InitializedFileAsync();

        Assert.Equal(
            ["seq", "tenant", "type", "id", "version", "created", "last_modified", "external_id", "unique_key", "display_key", "display_name", "document", "deleted_at"],
            Column(path, "SELECT name FROM pragma_table_info('tombstones') ORDER BY cid"));
        Assert.Equal(["tenant", "owner_id", "group_id", "member_id"], Column(path, "SELECT name FROM pragma_table_info('tombstone_memberships') WHERE pk > 0 ORDER BY pk"));
    }

    [Theory]
    [InlineData("tombstones", "tombstones_by_id", "tenant,id,type", true)]
    [InlineData("tombstones", "tombstones_by_deletion", "tenant,type,deleted_at", false)]
    [InlineData("tombstones", "tombstones_by_age", "deleted_at", false)]
    [InlineData("audit", "audit_by_resource", "tenant,type,id,seq", false)]
    [InlineData("audit", "audit_by_tenant", "tenant,seq", false)]
    [InlineData("audit", "audit_by_time", "at", false)]
    public async Task SoftDeleteAndAuditIndexes_CoverTheirQueries(string table, string index, string columns, bool unique)
    {
        var path = await InitializedFileAsync();

        Assert.Equal(columns, string.Join(",", Column(path, $"SELECT name FROM pragma_index_info('{index}') ORDER BY seqno")));
        Assert.Equal(unique ? "1" : "0", Assert.Single(Column(path, $"SELECT \"unique\" FROM pragma_index_list('{table}') WHERE name = '{index}'")));
    }

    [Fact]
    public async Task Tombstones_HaveNoUniqueNameIndex_SoDeletedNamesAreFree()
    {
        var path = await InitializedFileAsync();

        Assert.DoesNotContain("1", Column(path, "SELECT \"unique\" FROM pragma_index_list('tombstones') WHERE name <> 'tombstones_by_id'"));
    }

    [Fact]
    public async Task Migration2_OnAFileAtVersion1_AddsTheTablesAndKeepsTheData()
    {
        var path = await InitializedFileAsync();
        await using (var store = new SqliteResourceStore(new SqliteStoreOptions { Path = path }, TimeProvider.System))
        {
            await store.InitializeAsync(Ct);
            await store.CreateAsync(new Scim.Api.Core.Storage.ResourceWrite(
                new Scim.Api.Core.Storage.ResourceKey("t", Scim.Api.Core.Schema.BuiltInSchemas.UserResourceType, "u1"),
                new System.Text.Json.Nodes.JsonObject { ["userName"] = "bjensen" }, DateTimeOffset.UnixEpoch, []), Ct);
        }

        Downgrade(path, DowngradeTo2Sql + "DROP TABLE tombstones; DROP TABLE tombstone_memberships; DROP TABLE audit; DELETE FROM schema_migrations WHERE version = 2");

        await using (var upgraded = new SqliteResourceStore(new SqliteStoreOptions { Path = path }, TimeProvider.System))
        {
            await upgraded.InitializeAsync(Ct);
            await upgraded.DeleteAsync(new Scim.Api.Core.Storage.ResourceKey("t", Scim.Api.Core.Schema.BuiltInSchemas.UserResourceType, "u1"), null, Ct);
        }

        Assert.Equal(["1", "2", "3", "4", "5"], Column(path, "SELECT version FROM schema_migrations ORDER BY version"));
        Assert.Equal(["u1"], Column(path, "SELECT id FROM tombstones"));
    }

    // What a file written by the build before migration 4 holds: no events, no subscriptions, no provisioning log, no console keys.
    private const string DowngradeTo3Sql = """
        DROP TABLE events; DROP TABLE subscriptions; DROP TABLE request_log; DROP TABLE request_minutes; DROP TABLE credential_activity; DROP TABLE console_keys;
        DELETE FROM schema_migrations WHERE version IN (4, 5);
        """;

    // What a file written by the build before migration 3 holds: no count table and no triggers.
    private const string DowngradeTo2Sql = DowngradeTo3Sql + """
        DROP TRIGGER resources_counted_on_insert; DROP TRIGGER resources_counted_on_delete; DROP TABLE resource_counts;
        DELETE FROM schema_migrations WHERE version = 3;
        """;

    [Fact]
    public async Task Migration4_OnAFileAtVersion3WithResources_AddsEventsAndSubscriptions_AndPositionsStartAtOne()
    {
        var path = _directory.File("scim.db");
        await using (var store = new SqliteResourceStore(new SqliteStoreOptions { Path = path }, TimeProvider.System))
        {
            await store.InitializeAsync(Ct);
            await store.CreateAsync(new ResourceWrite(new ResourceKey("t", BuiltInSchemas.UserResourceType, "u1"), new JsonObject { ["userName"] = "bjensen" }, DateTimeOffset.UnixEpoch, []), Ct);
        }

        Downgrade(path, DowngradeTo3Sql);

        await using (var upgraded = new SqliteResourceStore(new SqliteStoreOptions { Path = path }, TimeProvider.System))
        {
            await upgraded.InitializeAsync(Ct);
            await upgraded.CreateAsync(new ResourceWrite(new ResourceKey("t", BuiltInSchemas.UserResourceType, "u2"), new JsonObject { ["userName"] = "jsmith" }, DateTimeOffset.UnixEpoch, []), Ct);
            var events = await upgraded.ReadEventsAsync(new Scim.Api.Core.Events.ChangeEventQuery("t", 0, 10), Ct);
            Assert.Equal([(1L, "u2")], events.Events.Select(e => (e.Position, e.ResourceId)));
        }

        Assert.Equal(["tenant", "position"], Column(path, "SELECT name FROM pragma_table_info('events') WHERE pk > 0 ORDER BY pk"));
        Assert.Equal(["tenant", "id"], Column(path, "SELECT name FROM pragma_table_info('subscriptions') WHERE pk > 0 ORDER BY pk"));
    }

    [Fact]
    public async Task ResourceCounts_AreKeyedByTenantAndTypeWithoutRowid()
    {
        var path = await InitializedFileAsync();

        Assert.Equal(["tenant", "type"], Column(path, "SELECT name FROM pragma_table_info('resource_counts') WHERE pk > 0 ORDER BY pk"));
        Assert.Equal(["1"], Column(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'resource_counts' AND sql LIKE '%WITHOUT ROWID%'"));
    }

    [Fact]
    public async Task Migration3_OnAFileAtVersion2WithResources_CountsThemAndKeepsCountingAfterwards()
    {
        var path = _directory.File("scim.db");
        await using (var store = new SqliteResourceStore(new SqliteStoreOptions { Path = path }, TimeProvider.System))
        {
            await store.InitializeAsync(Ct);
            await ResourceCounts.WriteAsync(store);
            var doomed = new ResourceKey("counted-a", BuiltInSchemas.UserResourceType, "doomed");
            await store.CreateAsync(new ResourceWrite(doomed, new JsonObject { ["userName"] = "doomed" }, DateTimeOffset.UnixEpoch, []), Ct);
            await store.DeleteAsync(doomed, null, Ct);
        }

        Downgrade(path, DowngradeTo2Sql);

        Assert.Equal(["1", "2"], Column(path, "SELECT version FROM schema_migrations ORDER BY version"));
        await using (var upgraded = new SqliteResourceStore(new SqliteStoreOptions { Path = path }, TimeProvider.System))
        {
            await upgraded.InitializeAsync(Ct);
            Assert.Equal(ResourceCounts.Expected, ResourceCounts.Ordered(await upgraded.CountResourcesAsync(Ct)));
            Assert.Equal(3, await TotalAsync(upgraded, "counted-a", BuiltInSchemas.UserResourceType));

            var user = new ResourceKey("counted-a", BuiltInSchemas.UserResourceType, "after-upgrade");
            await upgraded.CreateAsync(new ResourceWrite(user, new JsonObject { ["userName"] = "after-upgrade" }, DateTimeOffset.UnixEpoch, []), Ct);
            Assert.Equal(4, await TotalAsync(upgraded, "counted-a", BuiltInSchemas.UserResourceType));
            await upgraded.DeleteAsync(user, null, Ct);
            Assert.Equal(3, await TotalAsync(upgraded, "counted-a", BuiltInSchemas.UserResourceType));
        }

        Assert.Equal(["1", "2", "3", "4", "5"], Column(path, "SELECT version FROM schema_migrations ORDER BY version"));
    }

    [Fact]
    public async Task Migration5_OnAFileAtVersion3_AddsTheProvisioningLogAndKeepsTheData()
    {
        var path = _directory.File("scim.db");
        await using (var store = new SqliteResourceStore(new SqliteStoreOptions { Path = path }, TimeProvider.System))
        {
            await store.InitializeAsync(Ct);
            await store.CreateAsync(new ResourceWrite(new ResourceKey("t", BuiltInSchemas.UserResourceType, "u1"), new JsonObject { ["userName"] = "kept" }, DateTimeOffset.UnixEpoch, []), Ct);
        }

        Downgrade(path, DowngradeTo3Sql);

        await using (var upgraded = new SqliteResourceStore(new SqliteStoreOptions { Path = path }, TimeProvider.System))
        {
            await upgraded.InitializeAsync(Ct);
            await upgraded.AppendAsync([new Scim.Api.Core.Activity.RequestLogEntry("t", DateTimeOffset.UnixEpoch, "c", null, "GET", "/scim/v2/Users", "list", "User", null, 200, null, null, TimeSpan.FromMilliseconds(1))],
                new Scim.Api.Core.Activity.RequestLogBounds(10, TimeSpan.FromDays(1)), Ct);
        }

        Assert.Equal(["1", "2", "3", "4", "5"], Column(path, "SELECT version FROM schema_migrations ORDER BY version"));
        Assert.Equal(["1"], Column(path, "SELECT count(*) FROM request_log"));
        Assert.Equal(["kept"], Column(path, "SELECT json_extract(document, '$.userName') FROM resources"));
    }

    // Turns the file back into what an older build wrote: its later tables dropped and their migrations forgotten.
    private static void Downgrade(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var downgrade = connection.CreateCommand();
        downgrade.CommandText = sql;
        downgrade.ExecuteNonQuery();
    }

    private static async Task<long> TotalAsync(SqliteResourceStore store, string tenant, ResourceTypeDefinition type) =>
        (await store.QueryAsync(new ResourceQuery(tenant, type, null, null, new PageRequest(1, 0), ReadOptions.DocumentOnly), Ct)).TotalResults;
}
