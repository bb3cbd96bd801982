using MongoDB.Bson;
using MongoDB.Driver;
using Scim.Api.Core.Storage;
using Scim.Api.Storage.Mongo;

namespace Scim.Api.Tests.Storage.Mongo;

public class MongoMembershipsTests
{
    // g7 is a Group of the tenant, whatever type the client claims for it.
    private static readonly Dictionary<string, string> Known = new() { ["g7"] = "Group" };

    [Fact]
    public void Changes_AddingMembers_AreUpsertsThatLeaveAPresentRowAsItIs_WithFoldedKeysAndTheKnownType()
    {
        var changes = MongoMemberships.Changes(
            "t1", "g1", new MembershipDelta(false, [], [new("u1", "User", "Babs"), new("u2", null, null), new("g7", "User", null)]), Known);

        BsonSerializerHelpers.AssertBson(
            """
            [
              { "upsert" : { "t" : "t1", "g" : "g1", "m" : "u1" }, "update" : { "$setOnInsert" : { "gk" : "G1", "mk" : "U1", "type" : "User", "typeKey" : "USER", "display" : "Babs", "displayKey" : "BABS" } } },
              { "upsert" : { "t" : "t1", "g" : "g1", "m" : "u2" }, "update" : { "$setOnInsert" : { "gk" : "G1", "mk" : "U2" } } },
              { "upsert" : { "t" : "t1", "g" : "g1", "m" : "g7" }, "update" : { "$setOnInsert" : { "gk" : "G1", "mk" : "G7", "type" : "Group", "typeKey" : "GROUP" } } }
            ]
            """,
            Render(changes));
    }

    [Fact]
    public void Changes_RemoveAllThenAdd_KeepsTheAddedRowsAndRewritesThem()
    {
        var changes = MongoMemberships.Changes("t1", "g1", new MembershipDelta(true, ["u9"], [new("u2", "User", null)]), Known);

        BsonSerializerHelpers.AssertBson(
            """
            [
              { "deleteMany" : { "t" : "t1", "g" : "g1", "m" : { "$nin" : ["u2"] } } },
              { "upsert" : { "t" : "t1", "g" : "g1", "m" : "u2" }, "update" : { "$set" : { "gk" : "G1", "mk" : "U2", "type" : "User", "typeKey" : "USER" }, "$unset" : { "display" : "", "displayKey" : "" } } }
            ]
            """,
            Render(changes));
    }

    [Fact]
    public void Changes_RemovingMembers_IsOneDeleteWhateverTheirNumber()
    {
        var ids = Enumerable.Range(0, 500).Select(i => $"u{i}").ToArray();

        var changes = MongoMemberships.Changes("t1", "g1", new MembershipDelta(false, ids, []), Known);

        var delete = Assert.IsType<DeleteManyModel<BsonDocument>>(Assert.Single(changes));
        Assert.Equal(500, ((BsonDocumentFilterDefinition<BsonDocument>)delete.Filter).Document["m"]["$in"].AsBsonArray.Count);
    }

    [Fact]
    public void Changes_RemovedAndAddedAgain_IsNotDeleted()
    {
        var changes = MongoMemberships.Changes("t1", "g1", new MembershipDelta(false, ["u1", "u2"], [new("u1", null, "New")]), Known);

        BsonSerializerHelpers.AssertBson(
            """
            [
              { "deleteMany" : { "t" : "t1", "g" : "g1", "m" : { "$in" : ["u2"] } } },
              { "upsert" : { "t" : "t1", "g" : "g1", "m" : "u1" }, "update" : { "$set" : { "gk" : "G1", "mk" : "U1", "display" : "New", "displayKey" : "NEW" }, "$unset" : { "type" : "", "typeKey" : "" } } }
            ]
            """,
            Render(changes));
    }

    private static BsonArray Render(IEnumerable<WriteModel<BsonDocument>> changes) => new(changes.Select(change => change switch
    {
        DeleteManyModel<BsonDocument> delete => new BsonDocument("deleteMany", Document(delete.Filter)),
        UpdateOneModel<BsonDocument> update => new BsonDocument
        {
            { update.IsUpsert ? "upsert" : "update", Document(update.Filter) },
            { "update", ((BsonDocumentUpdateDefinition<BsonDocument>)update.Update).Document },
        },
        _ => throw new InvalidOperationException(change.GetType().Name),
    }));

    private static BsonDocument Document(FilterDefinition<BsonDocument> filter) => ((BsonDocumentFilterDefinition<BsonDocument>)filter).Document;
}
