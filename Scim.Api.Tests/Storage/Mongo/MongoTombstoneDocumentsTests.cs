using MongoDB.Bson;
using Scim.Api.Storage.Mongo;

namespace Scim.Api.Tests.Storage.Mongo;

public class MongoTombstoneDocumentsTests
{
    private static readonly DateTimeOffset DeletedAt = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static BsonDocument Resource() => BsonDocument.Parse("""
        {
          "_id" : { "t" : "t1", "rt" : "User", "id" : "u1" }, "v" : 3,
          "createdTicks" : 638501400000000000, "lastModifiedTicks" : 638528184000000000,
          "display" : "bjensen", "unique" : { "userName" : "BJENSEN" }, "doc" : { "userName" : "bjensen" }
        }
        """);

    [Fact]
    public void ForDeletion_KeepsTheWholeResourceAndAddsTheDeletionTime()
    {
        var tombstone = MongoTombstoneDocuments.ForDeletion(Resource(), DeletedAt);

        var expected = Resource();
        expected.Add("deletedAtTicks", DeletedAt.UtcTicks);
        Assert.Equal(expected, tombstone);
    }

    [Fact]
    public void ForRestore_IsTheResourceAtTheNextVersionModifiedAtTheRestore_WithItsUniqueShadows()
    {
        var restoredAt = DeletedAt.AddDays(2);

        var resource = MongoTombstoneDocuments.ForRestore(MongoTombstoneDocuments.ForDeletion(Resource(), DeletedAt), restoredAt);

        var expected = Resource();
        expected["v"] = 4L;
        expected["lastModifiedTicks"] = restoredAt.UtcTicks;
        Assert.Equal(expected, resource);
    }

    [Fact]
    public void Read_GivesTheTombstoneAsAnAdministratorSeesIt()
    {
        var tombstone = MongoTombstoneDocuments.Read(MongoTombstoneDocuments.ForDeletion(Resource(), DeletedAt));

        Assert.Equal(("User", "u1", 3L, "bjensen", DeletedAt), (tombstone.ResourceType, tombstone.Id, tombstone.Version, tombstone.DisplayName, tombstone.DeletedAt));
        Assert.Equal(new DateTimeOffset(638501400000000000, TimeSpan.Zero), tombstone.Created);
    }

    [Fact]
    public void HandedOver_AndLiveMembership_UpsertTheRowKeepingTypeAndDisplay()
    {
        var row = BsonDocument.Parse("""{ "_id" : 1, "t" : "t1", "g" : "g1", "m" : "u1", "type" : "User", "typeKey" : "USER", "display" : "Babs", "displayKey" : "BABS" }""");

        var kept = MongoTombstoneDocuments.HandedOver(row, "u1");
        var live = MongoTombstoneDocuments.LiveMembership(new BsonDocument(row).Add("o", "u1"));

        BsonSerializerHelpers.AssertBson("""{ "t" : "t1", "o" : "u1", "g" : "g1", "m" : "u1" }""", kept.Filter);
        BsonSerializerHelpers.AssertBson("""{ "$setOnInsert" : { "type" : "User", "typeKey" : "USER", "display" : "Babs", "displayKey" : "BABS" } }""", kept.Update);
        BsonSerializerHelpers.AssertBson("""{ "t" : "t1", "g" : "g1", "m" : "u1" }""", live.Filter);
        BsonSerializerHelpers.AssertBson(
            """{ "$setOnInsert" : { "gk" : "G1", "mk" : "U1", "type" : "User", "typeKey" : "USER", "display" : "Babs", "displayKey" : "BABS" } }""", live.Update);
    }

    [Fact]
    public void LiveMembership_OfARowWithoutTypeOrDisplay_SetsTheFoldedKeysOnInsert()
    {
        var live = MongoTombstoneDocuments.LiveMembership(BsonDocument.Parse("""{ "t" : "t1", "o" : "g1", "g" : "g1", "m" : "ghost" }"""));

        BsonSerializerHelpers.AssertBson("""{ "$setOnInsert" : { "gk" : "G1", "mk" : "GHOST" } }""", live.Update);
    }
}
