using Microsoft.Data.Sqlite;
using Scim.Api.Storage.Sqlite;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Storage.Sqlite;

public sealed class SqliteConnectionFactoryTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private SqliteConnectionFactory Factory() => new(new SqliteStoreOptions { Path = Path.Combine(_directory.Path, "scim.db") });

    private static long PragmaValue(SqliteConnection connection, string pragma)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma}";
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public void Writer_KeepsA32MiBPageCache_SoIndexLeavesOfALargeStoreStayInMemory()
    {
        using var writer = Factory().OpenWriter();

        Assert.Equal(-32 * 1024, PragmaValue(writer, "cache_size"));
    }

    [Fact]
    public void Reader_KeepsAn8MiBPageCache_AndCannotWrite()
    {
        var factory = Factory();
        using var writer = factory.OpenWriter();
        using var reader = factory.OpenReader();

        Assert.Equal(-8 * 1024, PragmaValue(reader, "cache_size"));
        Assert.Equal(1, PragmaValue(reader, "query_only"));
    }
}
