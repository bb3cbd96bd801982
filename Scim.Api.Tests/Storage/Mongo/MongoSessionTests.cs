using Microsoft.Extensions.Time.Testing;
using MongoDB.Bson;
using MongoDB.Driver;
using Scim.Api.Storage.Mongo;

namespace Scim.Api.Tests.Storage.Mongo;

/// <summary>Every query carries what is left of the call's budget as maxTimeMS, so the server stops it too.</summary>
public class MongoSessionTests
{
    // A client is lazy: building a query sends nothing, so these run without a server.
    private static readonly IMongoCollection<BsonDocument> Resources =
        new MongoClient("mongodb://127.0.0.1:1/").GetDatabase("scim").GetCollection<BsonDocument>(MongoFields.ResourcesCollection);

    [Fact]
    public void Find_CarriesTheRemainingBudgetAsMaxTime()
    {
        var time = new FakeTimeProvider();
        var deadline = new MongoDeadline(time, TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(3));

        var find = new MongoSession(null, deadline).Find(Resources, []);

        Assert.Equal(TimeSpan.FromSeconds(7), find.Options.MaxTime);
    }

    [Fact]
    public void Deadline_Spent_StillLimitsTheQueryToAMillisecondRatherThanLiftingTheLimit()
    {
        var time = new FakeTimeProvider();
        var deadline = new MongoDeadline(time, TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(TimeSpan.FromMilliseconds(1), deadline.Remaining());
    }
}
