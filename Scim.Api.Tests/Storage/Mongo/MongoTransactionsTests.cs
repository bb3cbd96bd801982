using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Bson;
using Scim.Api.Storage.Mongo;
using Scim.Api.Tests.Hosting.Auth;

namespace Scim.Api.Tests.Storage.Mongo;

public class MongoTransactionsTests
{
    [Theory]
    [InlineData("""{ "isWritablePrimary" : true, "setName" : "rs0" }""", true)]
    [InlineData("""{ "isWritablePrimary" : true, "msg" : "isdbgrid" }""", true)]
    [InlineData("""{ "isWritablePrimary" : true }""", false)]
    public void RunsTransactions_IsTrueForAReplicaSetMemberOrAMongos(string hello, bool expected)
    {
        Assert.Equal(expected, MongoTransactions.RunsTransactions(BsonDocument.Parse(hello)));
    }

    [Fact]
    public void Accept_AStandaloneServer_FailsStartUpNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => MongoTransactions.Accept(transactions: false, allowStandalone: false, NullLogger.Instance));

        Assert.Contains("Storage:Mongo:AllowStandalone", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accept_AStandaloneServerThatIsAllowed_StartsWithAWarning()
    {
        using var logs = new CapturingLoggerProvider();

        MongoTransactions.Accept(transactions: false, allowStandalone: true, logs.CreateLogger("store"));

        var warning = Assert.Single(logs.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("standalone", warning.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Accept_AReplicaSet_StartsWithoutAWord()
    {
        using var logs = new CapturingLoggerProvider();

        MongoTransactions.Accept(transactions: true, allowStandalone: false, logs.CreateLogger("store"));

        Assert.Empty(logs.Entries);
    }
}
