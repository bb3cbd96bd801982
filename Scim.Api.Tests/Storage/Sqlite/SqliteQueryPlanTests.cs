using Microsoft.Data.Sqlite;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Paging;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;
using Scim.Api.Storage.Sqlite;
using Scim.Api.Storage.Sqlite.Querying;
using Scim.Api.Tests.Support;
using static Scim.Api.Tests.Storage.FilterBuilder;

namespace Scim.Api.Tests.Storage.Sqlite;

/// <summary>What SQLite plans for the statements the store sends: the indexes must carry the work.</summary>
public sealed class SqliteQueryPlanTests : IAsyncLifetime
{
    private TemporarySqliteStore _temporary = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SqliteResourceStore Store => _temporary.Store;

    public async ValueTask InitializeAsync() => _temporary = await TemporarySqliteStore.OpenAsync();

    public ValueTask DisposeAsync() => _temporary.DisposeAsync();

    private string Plan(Filter? filter, SortSpec? sort = null)
    {
        var query = new ResourceQuery("t", BuiltInSchemas.UserResourceType, filter, sort, new PageRequest(99_901, 100), ReadOptions.DocumentOnly);
        var (where, orderBy, parameters) = SqliteQueryRunner.Translate(query);
        return Plan(SqliteQueryRunner.PageSql(where, orderBy), command =>
        {
            command.Parameters.AddWithValue("$tenant", "t");
            command.Parameters.AddWithValue("$type", "User");
            command.Parameters.AddWithValue("$limit", 100);
            command.Parameters.AddWithValue("$offset", 99_900);
            parameters.BindTo(command);
        });
    }

    private string Plan(string sql, Action<SqliteCommand> bind)
    {
        using var connection = new SqliteConnectionFactory(new SqliteStoreOptions { Path = Store.DatabasePath }).OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        bind(command);
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(3));
        }

        return string.Join(Environment.NewLine, lines);
    }

    [Fact]
    public void DeepPage_InCreationOrder_SkipsRowsOnACoveringIndex()
    {
        var plan = Plan(null);

        Assert.Equal("SEARCH r USING COVERING INDEX resources_by_type (tenant=? AND type=?)", plan);
    }

    [Fact]
    public void KeysetPage_InCreationOrder_SeeksPastThePositionOnTheIndex()
    {
        var query = new ResourceQuery("t", BuiltInSchemas.UserResourceType, null, null, new PageRequest(1, 100), ReadOptions.DocumentOnly);
        var (where, _, _) = SqliteQueryRunner.Translate(query);

        var plan = Plan(SqliteKeysetRunner.PageSql(where, null, descending: false, backward: false, anchored: true), command =>
        {
            command.Parameters.AddWithValue("$tenant", "t");
            command.Parameters.AddWithValue("$type", "User");
            command.Parameters.AddWithValue("$anchorSeq", 999_900);
            command.Parameters.AddWithValue("$limit", 101);
        });

        Assert.Equal("SEARCH r USING COVERING INDEX resources_by_type (tenant=? AND type=? AND rowid>?)", plan);
    }

    [Fact]
    public void Total_WithoutAFilter_ReadsOneKeptCountAndNoResourceRow()
    {
        var query = new ResourceQuery("t", BuiltInSchemas.UserResourceType, null, null, new PageRequest(1, 100), ReadOptions.DocumentOnly);
        var (where, _, _) = SqliteQueryRunner.Translate(query);

        var plan = Plan(SqliteQueryRunner.CountSql(where, filtered: false), command =>
        {
            command.Parameters.AddWithValue("$tenant", "t");
            command.Parameters.AddWithValue("$type", "User");
        });

        Assert.Contains("SEARCH resource_counts USING PRIMARY KEY (tenant=? AND type=?)", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("resources", plan.Replace("resource_counts", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void PageDocuments_AreReadByRowNumberOnly()
    {
        var plan = Plan(SqliteQueryRunner.DocumentsSql, command => command.Parameters.AddWithValue("$seqs", "[1,2]"));

        Assert.Contains("SEARCH r USING INTEGER PRIMARY KEY (rowid=?)", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("SCAN r", plan, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FilteredPage_SeeksTheFiltersIndex_ThenReadsItsDocumentsAndGroupsByKey(bool withGroups)
    {
        var query = new ResourceQuery("t", BuiltInSchemas.UserResourceType, Eq("userName", "x"), null, new PageRequest(1, 100), ReadOptions.Everything);
        var (where, orderBy, parameters) = SqliteQueryRunner.Translate(query);

        var plan = Plan(SqliteQueryRunner.FilteredPageSql(where, orderBy, withGroups), command =>
        {
            command.Parameters.AddWithValue("$tenant", "t");
            command.Parameters.AddWithValue("$type", "User");
            command.Parameters.AddWithValue("$limit", 100);
            command.Parameters.AddWithValue("$offset", 0);
            parameters.BindTo(command);
        });

        Assert.Contains("resources_by_unique_key (tenant=? AND type=? AND unique_key=?)", plan, StringComparison.Ordinal);
        Assert.Contains("SEARCH r USING INTEGER PRIMARY KEY (rowid=?)", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("SCAN r", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("SCAN m", plan, StringComparison.Ordinal);
    }

    [Fact]
    public void DeepPage_SortedByUserName_WalksTheUniqueKeyIndex()
    {
        var plan = Plan(null, new SortSpec(Path("userName"), false));

        Assert.Contains("resources_by_unique_key", plan, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("userName", "resources_by_unique_key (tenant=? AND type=? AND unique_key=?)")]
    [InlineData("externalId", "resources_by_external_id (tenant=? AND type=? AND external_id=?)")]
    [InlineData("displayName", "resources_by_display_key (tenant=? AND type=? AND display_key=?)")]
    [InlineData("id", "resources_by_id (tenant=? AND id=? AND type=?)")]
    public void Equality_OnAShadowColumn_SeeksItsIndex(string attribute, string expected)
    {
        Assert.Contains(expected, Plan(Eq(attribute, "x")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("meta.lastModified", "resources_by_last_modified (tenant=? AND type=? AND last_modified>?)")]
    [InlineData("meta.created", "resources_by_created (tenant=? AND type=? AND created>?)")]
    public void Range_OnATimestamp_SeeksItsIndex(string attribute, string expected)
    {
        Assert.Contains(expected, Plan(Gt(attribute, "2024-05-01T00:00:00Z")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeepPage_ReturnsTheRightResources()
    {
        await Task.WhenAll(Enumerable.Range(0, 3000).Select(i => Store.CreateAsync(
            new ResourceWrite(new ResourceKey("t", BuiltInSchemas.UserResourceType, $"u{i:D5}"), new() { ["userName"] = $"user{i:D5}" }, DateTimeOffset.UnixEpoch, []),
            Ct)));

        var page = await Store.QueryAsync(
            new ResourceQuery("t", BuiltInSchemas.UserResourceType, null, new SortSpec(Path("userName"), true), new PageRequest(2901, 100), ReadOptions.DocumentOnly), Ct);

        Assert.Equal(3000, page.TotalResults);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"u{99 - i:D5}"), page.Resources.Select(r => r.Id));
    }
}
