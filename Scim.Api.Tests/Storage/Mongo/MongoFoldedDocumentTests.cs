using System.Text.Json.Nodes;
using MongoDB.Bson;
using Scim.Api.Storage.Mongo;

namespace Scim.Api.Tests.Storage.Mongo;

public class MongoFoldedDocumentTests
{
    private const string Custom = "urn:example:params:scim:schemas:extension:custom:2.0:User";

    [Fact]
    public void Build_FoldsCaseInsensitiveTextOnly_AndUpperCasesUndeclaredNames()
    {
        var document = JsonNode.Parse($$"""
            {
              "userName": "Straße", "active": true, "displayName": "ＡＢＣ",
              "emails": [ { "value": "A@Example.com", "type": "Work", "primary": true } ],
              "x509Certificates": [ { "value": "QUJD" } ],
              "{{Custom}}": { "CostCode": "ab-1", "level": 3, "nested": { "Deep": "x" } }
            }
            """)!.AsObject();

        var folded = MongoFoldedDocument.Build(MongoTestTypes.User, document);

        BsonSerializerHelpers.AssertBson(
            """
            {
              "userName" : "STRASSE", "active" : true, "displayName" : "ABC",
              "emails" : [{ "value" : "A@EXAMPLE.COM", "type" : "WORK", "primary" : true }],
              "x509Certificates" : [{ "value" : "QUJD" }],
              "URN:EXAMPLE:PARAMS:SCIM:SCHEMAS:EXTENSION:CUSTOM:2%2E0:USER" : { "COSTCODE" : "AB-1", "LEVEL" : 3, "NESTED" : { "DEEP" : "X" } }
            }
            """,
            folded);
    }

    [Fact]
    public void Build_KeepsCaseExactTextAsWritten()
    {
        var folded = MongoFoldedDocument.Build(MongoTestTypes.Device, JsonNode.Parse("""{ "serial": "AbC", "label": "AbC" }""")!.AsObject());

        BsonSerializerHelpers.AssertBson("""{ "serial" : "AbC", "label" : "ABC" }""", folded);
    }
}

public class MongoPresenceTests
{
    public static readonly TheoryData<string, string[]> Documents = new()
    {
        { """{ "tags": ["", "x"] }""", ["TAGS"] },
        { """{ "tags": ["", ""] }""", [] },
        { """{ "name": { "familyName": "" } }""", [] },
        { """{ "name": { "familyName": "", "givenName": "B" } }""", ["NAME", "NAME.GIVENNAME"] },
        { """{ "emails": [ { "value": "" }, { "value": "a@b.c", "type": "" } ] }""", ["EMAILS", "EMAILS.VALUE"] },
        { """{ "emails": [], "active": false, "n": 0 }""", ["ACTIVE", "N"] },
        { """{ "urn:x:Ext": { "box": { "inner": [ "", { "deep": 0 } ] }, "empty": {} } }""", ["URN:X:EXT:BOX", "URN:X:EXT:BOX.INNER"] },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Paths_AreThoseTheEvaluatorCallsPresent(string json, string[] expected)
    {
        var paths = MongoPresence.Paths(MongoTestTypes.User, JsonNode.Parse(json)!.AsObject());

        Assert.Equal(expected, paths);
    }
}
