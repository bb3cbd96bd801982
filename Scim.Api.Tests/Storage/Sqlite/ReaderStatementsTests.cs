using Microsoft.Data.Sqlite;
using Scim.Api.Storage.Sqlite.Reading;

namespace Scim.Api.Tests.Storage.Sqlite;

public class ReaderStatementsTests
{
    [Fact]
    public void Get_SameSqlOnOneConnection_ReusesTheCommandWithItsParametersCleared()
    {
        using var connection = OpenMemory();
        using (var first = ReaderStatements.Get(connection, "SELECT $value"))
        {
            first.Command.Parameters.AddWithValue("$value", 1);
            Assert.Equal(1L, first.Command.ExecuteScalar());
        }

        using var second = ReaderStatements.Get(connection, "SELECT $value");
        Assert.Empty(second.Command.Parameters);
        second.Command.Parameters.AddWithValue("$value", 2);
        Assert.Equal(2L, second.Command.ExecuteScalar());
    }

    [Fact]
    public void Get_TwoConnections_NeverShareACommand()
    {
        using var one = OpenMemory();
        using var other = OpenMemory();
        using var a = ReaderStatements.Get(one, "SELECT 1");
        using var b = ReaderStatements.Get(other, "SELECT 1");

        Assert.NotSame(a.Command, b.Command);
        Assert.Same(other, b.Command.Connection);
    }

    [Fact]
    public void Get_MoreDistinctStatementsThanKept_StillRunsEveryOne()
    {
        using var connection = OpenMemory();
        for (var i = 0; i < 200; i++)
        {
            using var statement = ReaderStatements.Get(connection, $"SELECT {i}");
            Assert.Equal((long)i, statement.Command.ExecuteScalar());
        }

        using var again = ReaderStatements.Get(connection, "SELECT 199");
        Assert.Equal(199L, again.Command.ExecuteScalar());
    }

    private static SqliteConnection OpenMemory()
    {
        var connection = new SqliteConnection("Data Source=:memory:;Pooling=False");
        connection.Open();
        return connection;
    }
}
