using Microsoft.Data.Sqlite;
using Scim.Api.Core.Paging;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;
using Scim.Api.Storage.Sqlite;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Storage.Sqlite;

public sealed class SqliteStoreLifecycleTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Dispose();

    private SqliteResourceStore NewStore(string name = "scim.db", SqliteDurability durability = SqliteDurability.Full) =>
        new(new SqliteStoreOptions { Path = _directory.File(name), Durability = durability }, TimeProvider.System);

    private static ResourceWrite User(string id, string userName) => new(
        new ResourceKey("t", BuiltInSchemas.UserResourceType, id),
        new() { ["userName"] = userName },
        DateTimeOffset.UnixEpoch,
        []);

    [Fact]
    public async Task Initialize_CreatesTheFileAndItsDirectory()
    {
        await using var store = NewStore(Path.Combine("nested", "deeper", "scim.db"));

        await store.InitializeAsync(Ct);

        Assert.True(File.Exists(_directory.File(Path.Combine("nested", "deeper", "scim.db"))));
    }

    [Fact]
    public async Task Initialize_Twice_IsHarmless()
    {
        await using var store = NewStore();
        await store.InitializeAsync(Ct);
        await store.CreateAsync(User("u1", "bjensen"), Ct);

        await store.InitializeAsync(Ct);

        Assert.NotNull(await store.GetAsync(User("u1", "x").Key, ReadOptions.DocumentOnly, Ct));
    }

    [Fact]
    public async Task Initialize_ByFourProcessesAtOnceOnANewFile_AppliesEachMigrationOnce()
    {
        var stores = Enumerable.Range(0, 4).Select(_ => NewStore()).ToList();
        try
        {
            await Task.WhenAll(stores.Select(store => Task.Run(() => store.InitializeAsync(Ct), Ct)));

            await stores[0].CreateAsync(User("u1", "alice"), Ct);
            Assert.NotNull(await stores[3].GetAsync(new ResourceKey("t", BuiltInSchemas.UserResourceType, "u1"), ReadOptions.DocumentOnly, Ct));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }

        await using var connection = new SqliteConnection($"Data Source={_directory.File("scim.db")}");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) = count(DISTINCT version) AND count(*) > 0 FROM schema_migrations";
        Assert.Equal(1L, await command.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task Use_BeforeInitialize_IsAnInvalidOperation()
    {
        await using var store = NewStore();

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.CreateAsync(User("u1", "bjensen"), Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.GetAsync(User("u1", "x").Key, ReadOptions.DocumentOnly, Ct));
    }

    [Fact]
    public async Task IsHealthy_IsTrueOnlyBetweenInitializeAndDispose()
    {
        var store = NewStore();
        var before = await store.IsHealthyAsync(Ct);
        await store.InitializeAsync(Ct);
        var running = await store.IsHealthyAsync(Ct);
        await store.DisposeAsync();
        var after = await store.IsHealthyAsync(Ct);

        Assert.False(before);
        Assert.True(running);
        Assert.False(after);
    }

    [Fact]
    public async Task Use_AfterDispose_IsRefused()
    {
        var store = NewStore();
        await store.InitializeAsync(Ct);
        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.CreateAsync(User("u1", "bjensen"), Ct));
    }

    [Fact]
    public async Task Dispose_ReleasesTheFile()
    {
        var store = NewStore();
        await store.InitializeAsync(Ct);
        await store.CreateAsync(User("u1", "bjensen"), Ct);
        await store.GetAsync(User("u1", "x").Key, ReadOptions.DocumentOnly, Ct);

        await store.DisposeAsync();
        File.Move(_directory.File("scim.db"), _directory.File("moved.db"));
        await using var reopened = new SqliteResourceStore(new SqliteStoreOptions { Path = _directory.File("moved.db") }, TimeProvider.System);
        await reopened.InitializeAsync(Ct);

        Assert.NotNull(await reopened.GetAsync(User("u1", "x").Key, ReadOptions.DocumentOnly, Ct));
    }

    [Fact]
    public async Task Create_WithACancelledToken_WritesNothing()
    {
        await using var store = NewStore();
        await store.InitializeAsync(Ct);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.CreateAsync(User("u1", "bjensen"), new CancellationToken(true)));

        Assert.Null(await store.GetAsync(User("u1", "x").Key, ReadOptions.DocumentOnly, Ct));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Constructor_WithoutAPath_IsRejected(string path)
    {
        Assert.ThrowsAny<ArgumentException>(() => new SqliteResourceStore(new SqliteStoreOptions { Path = path }, TimeProvider.System));
    }

    [Fact]
    public void Constructor_WithANegativeBusyTimeout_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new SqliteResourceStore(new SqliteStoreOptions { Path = _directory.File("x.db"), BusyTimeoutMs = -1 }, TimeProvider.System));
    }

    [Theory]
    [InlineData(SqliteDurability.Full, 2)]
    [InlineData(SqliteDurability.Normal, 1)]
    public void Writer_UsesTheSynchronousModeOfTheDurability(SqliteDurability durability, long expected)
    {
        var factory = new SqliteConnectionFactory(new SqliteStoreOptions { Path = _directory.File("d.db"), Durability = durability });
        using var writer = factory.OpenWriter();
        using var command = writer.CreateCommand();
        command.CommandText = "PRAGMA synchronous";

        Assert.Equal(expected, command.ExecuteScalar());
    }

    private static (long Log, long Checkpointed) Wal(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(NOOP)";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(1), reader.GetInt64(2));
    }

    private static async Task<long> UserTotalAsync(SqliteResourceStore store) => (await store.QueryAsync(
        new ResourceQuery("t", BuiltInSchemas.UserResourceType, null, null, new PageRequest(1, 0), ReadOptions.DocumentOnly), Ct)).TotalResults;

    [Fact]
    public async Task Writes_AreCheckpointedInTheBackground_WhileMoreWritesCommit()
    {
        await using var store = new SqliteResourceStore(
            new SqliteStoreOptions { Path = _directory.File("scim.db"), CheckpointThresholdPages = 1 }, TimeProvider.System);
        await store.InitializeAsync(Ct);

        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => store.CreateAsync(User($"u{i}", $"user{i}"), Ct)));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Wal(store.DatabasePath) is var wal && (wal.Log == 0 || wal.Checkpointed != wal.Log))
        {
            Assert.True(DateTime.UtcNow < deadline, $"after 30 s, {wal.Checkpointed} of {wal.Log} WAL pages are checkpointed");
            await Task.Delay(20, Ct);
        }

        Assert.Equal(300, await UserTotalAsync(store));
    }

    [Fact]
    public async Task Dispose_LeavesEveryWriteInTheDatabaseFile_AndTheStoreReopensWithAllOfThem()
    {
        var path = _directory.File("scim.db");
        var store = NewStore();
        await store.InitializeAsync(Ct);
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => store.CreateAsync(User($"u{i}", $"user{i}"), Ct)));

        // An open connection elsewhere (a backup tool, say) keeps SQLite from checkpointing when the store closes.
        using (var bystander = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            bystander.Open();
            using var read = bystander.CreateCommand();
            read.CommandText = "SELECT count(*) FROM resources";
            read.ExecuteScalar();

            await store.DisposeAsync();

            Assert.Equal(0, new FileInfo(path + "-wal").Length);
        }

        await using var reopened = NewStore();
        await reopened.InitializeAsync(Ct);
        Assert.Equal(50, await UserTotalAsync(reopened));
        Assert.NotNull(await reopened.GetAsync(User("u49", "x").Key, ReadOptions.DocumentOnly, Ct));
    }

    [Fact]
    public void Writer_PutsTheFileInWalMode()
    {
        var factory = new SqliteConnectionFactory(new SqliteStoreOptions { Path = _directory.File("w.db") });
        using (factory.OpenWriter())
        {
        }

        using var connection = new SqliteConnection($"Data Source={_directory.File("w.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }
}
