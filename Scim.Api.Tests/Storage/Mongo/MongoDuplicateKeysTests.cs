using System.Net;
using MongoDB.Bson;
using MongoDB.Driver;
using MongoDB.Driver.Core.Clusters;
using MongoDB.Driver.Core.Connections;
using MongoDB.Driver.Core.Servers;
using Scim.Api.Storage.Mongo;

namespace Scim.Api.Tests.Storage.Mongo;

public class MongoDuplicateKeysTests
{
    private static readonly ConnectionId Connection = new(new ServerId(new ClusterId(), new DnsEndPoint("localhost", 27017)));

    [Fact]
    public void KeyPattern_OfACommandError_IsTheOneTheServerReported_WhateverTheMessageSays()
    {
        var reply = BsonDocument.Parse("""
            { "ok" : 0, "code" : 11000, "errmsg" : "E11000 duplicate key error collection: x index: misleading dup key: { }",
              "keyPattern" : { "_id.t" : 1, "_id.rt" : 1, "unique.userName" : 1 }, "keyValue" : { "unique.userName" : "BJENSEN" } }
            """);
        var error = new MongoCommandException(Connection, "duplicate", new BsonDocument("findAndModify", "resources"), reply);

        Assert.True(MongoDuplicateKeys.IsDuplicateKey(error));
        Assert.Equal(BsonDocument.Parse("""{ "_id.t" : 1, "_id.rt" : 1, "unique.userName" : 1 }"""), MongoDuplicateKeys.KeyPattern(error));
    }

    [Fact]
    public void KeyPattern_WhereTheDriverDoesNotPassItOn_IsNull_SoTheStoreAsksTheIndexes()
    {
        var error = new MongoCommandException(Connection, "duplicate", new BsonDocument("insert", "resources"), BsonDocument.Parse("""{ "ok" : 0, "code" : 11000 }"""));

        Assert.Null(MongoDuplicateKeys.KeyPattern(error));
    }
}
