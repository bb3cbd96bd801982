using Scim.Api.Core.Paging;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;
using Scim.Api.Storage.Sqlite;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Storage.Sqlite;

public sealed class SqliteResourceCounterTests : IAsyncDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly SqliteResourceStore _store;

    public SqliteResourceCounterTests()
    {
        _store = new SqliteResourceStore(new SqliteStoreOptions { Path = _directory.File("scim.db") }, TimeProvider.System);
    }

    [Fact]
    public async Task CountResources_GivesTheNumberOfEachTypeInEachTenant()
    {
        await _store.InitializeAsync(TestContext.Current.CancellationToken);
        await ResourceCounts.WriteAsync(_store);

        var counts = await _store.CountResourcesAsync(TestContext.Current.CancellationToken);

        Assert.Equal(ResourceCounts.Expected, ResourceCounts.Ordered(counts));
    }

    [Fact]
    public async Task CountResources_OfAnEmptyStore_IsEmpty()
    {
        await _store.InitializeAsync(TestContext.Current.CancellationToken);

        Assert.Empty(await _store.CountResourcesAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CountResources_LeavesOutATypeWhoseResourcesWereAllDeleted()
    {
        await _store.InitializeAsync(TestContext.Current.CancellationToken);
        await ResourceCounts.WriteAsync(_store);
        var groups = await _store.QueryAsync(
            new ResourceQuery("counted-a", BuiltInSchemas.GroupResourceType, null, null, new PageRequest(1, 10), ReadOptions.DocumentOnly),
            TestContext.Current.CancellationToken);
        await _store.DeleteAsync(new ResourceKey("counted-a", BuiltInSchemas.GroupResourceType, groups.Resources[0].Id), null, TestContext.Current.CancellationToken);

        var counts = await _store.CountResourcesAsync(TestContext.Current.CancellationToken);

        Assert.Equal(ResourceCounts.Expected.Where(c => c.ResourceType != "Group"), ResourceCounts.Ordered(counts));
    }

    [Fact]
    public async Task CountQuery_ReadsTheKeptCountsAndNoResourceRow()
    {
        await _store.InitializeAsync(TestContext.Current.CancellationToken);
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_store.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + SqliteResourceCounter.CountSql;
        using var reader = command.ExecuteReader();
        var plan = new List<string>();
        while (reader.Read())
        {
            plan.Add(reader.GetString(3));
        }

        Assert.Equal(["SCAN resource_counts"], plan);
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
