using System.Text.Json.Nodes;
using MongoDB.Bson;
using Scim.Api.Core.Storage;
using Scim.Api.Storage.Mongo;

namespace Scim.Api.Tests.Storage.Mongo;

public class MongoResourceDocumentsTests
{
    private static readonly DateTimeOffset Created = new DateTimeOffset(2024, 5, 1, 8, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234);

    [Fact]
    public void ForCreate_StoresTheKeyVersionTicksShadowsPresenceFoldedCopyAndTheDocumentWithoutWhatTravelsBeside()
    {
        var document = JsonNode.Parse("""
            {"id": "x", "meta": {"version": "W/\"9\""}, "userName": "Straße", "externalId": "E1", "groups": [{"value": "g1"}],
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"manager": {"$ref": "../Users/m"}}}
            """)!.AsObject();

        var stored = MongoResourceDocuments.ForCreate(new ResourceWrite(new("t1", MongoTestTypes.User, "u1"), document, Created, []));

        BsonSerializerHelpers.AssertBson(
            """
            {
              "_id" : { "t" : "t1", "rt" : "User", "id" : "u1" },
              "v" : 1,
              "createdTicks" : 638501400000001234,
              "lastModifiedTicks" : 638501400000001234,
              "externalId" : "E1",
              "display" : "Straße",
              "displayKey" : "STRASSE",
              "unique" : { "userName" : "STRASSE" },
              "present" : ["USERNAME", "EXTERNALID", "URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER:MANAGER", "URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER:MANAGER.$REF"],
              "fold" : {
                "userName" : "STRASSE",
                "externalId" : "E1",
                "urn:ietf:params:scim:schemas:extension:enterprise:2%2E0:User" : { "manager" : { "%24ref" : "../USERS/M" } }
              },
              "doc" : {
                "userName" : "Straße",
                "externalId" : "E1",
                "urn:ietf:params:scim:schemas:extension:enterprise:2%2E0:User" : { "manager" : { "%24ref" : "../Users/m" } }
              }
            }
            """,
            stored);
    }

    [Fact]
    public void ForUpdate_WithADocument_ReplacesItAndItsShadowsAndDropsShadowsThatAreGone()
    {
        var document = JsonNode.Parse("""{"displayName": "Admins", "members": [{"value": "u1"}]}""")!.AsObject();
        var modified = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);

        var update = MongoResourceDocuments.ForUpdate(new ResourceUpdate(new("t1", MongoTestTypes.Group, "g1"), document, null, modified));

        BsonSerializerHelpers.AssertBson(
            """
            {
              "$set" : {
                "lastModifiedTicks" : 638527968000000000,
                "display" : "Admins",
                "displayKey" : "ADMINS",
                "unique" : { "displayName" : "ADMINS" },
                "present" : ["DISPLAYNAME"],
                "fold" : { "displayName" : "ADMINS" },
                "doc" : { "displayName" : "Admins" }
              },
              "$inc" : { "v" : 1 },
              "$unset" : { "externalId" : "" }
            }
            """,
            update);
    }

    [Fact]
    public void Read_GivesBackTheExactInstantsAndTheDecodedDocument()
    {
        var stored = MongoResourceDocuments.ForCreate(new ResourceWrite(
            new("t1", MongoTestTypes.User, "u1"), JsonNode.Parse("""{"userName": "a", "x.y": {"$z": 1}}""")!.AsObject(), Created, []));

        var read = MongoResourceDocuments.Read(stored);

        Assert.Equal("u1", read.Id);
        Assert.Equal(1, read.Version);
        Assert.Equal(Created, read.Created);
        Assert.Equal(Created.UtcTicks, read.LastModified.UtcTicks);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"userName": "a", "x.y": {"$z": 1}}"""), read.Document));
    }
}
