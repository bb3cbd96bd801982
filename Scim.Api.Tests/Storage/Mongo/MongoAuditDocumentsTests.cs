using System.Text.Json.Nodes;
using MongoDB.Bson;
using Scim.Api.Core.Paging;
using Scim.Api.Core.Storage;
using Scim.Api.Storage.Mongo;

namespace Scim.Api.Tests.Storage.Mongo;

public class MongoAuditDocumentsTests
{
    private static readonly DateTimeOffset At = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(77);

    [Fact]
    public void ForEntry_StoresTheResourceOperationCredentialRequestTimesVersionsAndNames()
    {
        var entry = new AuditEntry(AuditOperation.Patch, "entra-prod", "req-9", null, At, ["title", "members"], null);

        var stored = MongoAuditDocuments.ForEntry(new ResourceKey("t1", MongoTestTypes.User, "u1"), entry, 4, 5);

        BsonSerializerHelpers.AssertBson(
            """
            {
              "t" : "t1", "rt" : "User", "id" : "u1", "op" : "patch", "credential" : "entra-prod",
              "requestId" : "req-9", "traceId" : null,
              "at" : { "$date" : "2025-03-01T12:00:00Z" }, "atTicks" : 638764272000000077,
              "versionBefore" : 4, "versionAfter" : 5,
              "changed" : ["title", "members"]
            }
            """,
            stored);
    }

    [Fact]
    public void ForEntry_WithValues_EncodesExtensionNamesAndReadsThemBack()
    {
        const string manager = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager";
        var values = new JsonObject { [manager] = new JsonObject { ["value"] = "boss" }, ["nickName"] = null };
        var entry = new AuditEntry(AuditOperation.Create, "c", null, "trace", At, [manager, "nickName"], values);

        var stored = MongoAuditDocuments.ForEntry(new ResourceKey("t1", MongoTestTypes.User, "u1"), entry, null, 1);
        var record = MongoAuditDocuments.Read(stored);

        Assert.Equal("urn:ietf:params:scim:schemas:extension:enterprise:2%2E0:User:manager", stored["values"].AsBsonDocument.GetElement(0).Name);
        Assert.Equal(BsonNull.Value, stored["versionBefore"]);
        Assert.Equal(
            new AuditRecord("t1", "User", "u1", AuditOperation.Create, "c", null, "trace", At, null, 1, record.ChangedAttributes, record.Values),
            record);
        Assert.Equal([manager, "nickName"], record.ChangedAttributes);
        Assert.True(JsonNode.DeepEquals(values, record.Values), record.Values?.ToJsonString());
    }

    [Fact]
    public void Filter_HoldsEveryGivenCriterion_FromInclusiveToExclusive()
    {
        var query = new AuditQuery("t1", "User", "u1", At, At.AddDays(1), new PageRequest(1, 10));

        BsonSerializerHelpers.AssertBson(
            """{ "t" : "t1", "rt" : "User", "id" : "u1", "atTicks" : { "$gte" : 638764272000000077, "$lt" : 638765136000000077 } }""",
            MongoAuditDocuments.Filter(query));
        BsonSerializerHelpers.AssertBson("{ }", MongoAuditDocuments.Filter(new AuditQuery(null, null, null, null, null, new PageRequest(1, 10))));
    }
}
