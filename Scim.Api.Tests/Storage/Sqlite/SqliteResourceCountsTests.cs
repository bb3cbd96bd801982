using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Scim.Api.Core.Paging;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;
using Scim.Api.Storage.Sqlite;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Storage.Sqlite;

/// <summary>The <c>resource_counts</c> table the triggers keep: always what counting the rows would give.</summary>
public sealed class SqliteResourceCountsTests : IAsyncLifetime
{
    private static readonly string[] Tenants = ["t1", "t2", "t3"];
    private static readonly ResourceTypeDefinition[] Types = [BuiltInSchemas.UserResourceType, BuiltInSchemas.GroupResourceType];

    private TemporarySqliteStore _temporary = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SqliteResourceStore Store => _temporary.Store;

    public async ValueTask InitializeAsync() => _temporary = await TemporarySqliteStore.OpenAsync();

    public ValueTask DisposeAsync() => _temporary.DisposeAsync();

    private static ResourceWrite Write(string tenant, ResourceTypeDefinition type, string id, string name) => new(
        new ResourceKey(tenant, type, id),
        type == BuiltInSchemas.UserResourceType ? new JsonObject { ["userName"] = name } : new JsonObject { ["displayName"] = name },
        DateTimeOffset.UnixEpoch,
        []);

    private List<string> Rows(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Store.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add($"{reader.GetString(0)}/{reader.GetString(1)}={reader.GetInt64(2)}");
        }

        return rows;
    }

    private static async Task IgnoreConflictAsync(Task write)
    {
        try
        {
            await write;
        }
        catch (Scim.Api.Core.Errors.ScimException error) when (error.Status is 404 or 409 or 412)
        {
        }
    }

    [Fact]
    public async Task KeptCounts_AfterConcurrentCreatesDeletesRestoresPurgesAndFailures_EqualTheRowsCounted()
    {
        var random = new Random(20_240_501);
        var operations = new List<Func<Task>>();
        for (var i = 0; i < 600; i++)
        {
            var tenant = Tenants[random.Next(Tenants.Length)];
            var type = Types[random.Next(Types.Length)];
            var id = $"r{random.Next(150)}";
            var key = new ResourceKey(tenant, type, id);
            operations.Add(random.Next(5) switch
            {
                0 or 1 => () => Store.CreateAsync(Write(tenant, type, id, $"name{random.Next(200)}"), Ct),
                2 => () => Store.DeleteAsync(key, null, Ct),
                3 => () => Store.RestoreAsync(new ResourceRestore(key, DateTimeOffset.UtcNow, DateTimeOffset.UnixEpoch), Ct),
                _ => () => Store.PurgeAsync(new PurgeRequest(DateTimeOffset.UtcNow, DateTimeOffset.UnixEpoch, true), Ct),
            });
        }

        foreach (var chunk in operations.Chunk(50))
        {
            await Task.WhenAll(chunk.Select(operation => IgnoreConflictAsync(operation())));
        }

        var counted = Rows("SELECT tenant, type, count(*) FROM resources GROUP BY tenant, type ORDER BY tenant, type");
        Assert.NotEmpty(counted);
        Assert.Equal(counted, Rows("SELECT tenant, type, n FROM resource_counts WHERE n > 0 ORDER BY tenant, type"));
        Assert.Empty(Rows("SELECT tenant, type, n FROM resource_counts WHERE n < 0"));
    }

    [Fact]
    public async Task Total_OfAnUnfilteredPage_WhileWritesCommit_AgreesWithThePageItCameWith()
    {
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Store.CreateAsync(Write("t1", BuiltInSchemas.UserResourceType, $"s{i}", $"steady{i}"), Ct)));
        using var stop = new CancellationTokenSource();
        var churn = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                await Store.CreateAsync(Write("t1", BuiltInSchemas.UserResourceType, $"c{i}", $"churn{i}"), Ct);
                if (i % 2 == 1)
                {
                    await Store.DeleteAsync(new ResourceKey("t1", BuiltInSchemas.UserResourceType, $"c{i - 1}"), null, Ct);
                }
            }
        }, Ct);

        var mismatches = new List<string>();
        for (var read = 0; read < 200; read++)
        {
            var keyset = read % 2 == 0 ? null : KeysetPage.First;
            var page = await Store.QueryAsync(
                new ResourceQuery("t1", BuiltInSchemas.UserResourceType, null, null, new PageRequest(1, 10_000), ReadOptions.DocumentOnly) { Keyset = keyset },
                Ct);
            if (page.TotalResults != page.Resources.Count)
            {
                mismatches.Add($"total {page.TotalResults}, page {page.Resources.Count}");
            }
        }

        await stop.CancelAsync();
        await churn;

        Assert.Empty(mismatches);
    }
}
