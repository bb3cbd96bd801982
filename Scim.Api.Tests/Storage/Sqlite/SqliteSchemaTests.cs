using Microsoft.Data.Sqlite;
using Scim.Api.Storage.Sqlite;

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

        Assert.Equal(["1"], Column(path, "SELECT version FROM schema_migrations"));
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
}
