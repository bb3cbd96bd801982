using MongoDB.Bson;
using Scim.Api.Core.Schema;
using Scim.Api.Storage.Mongo;

namespace Scim.Api.Tests.Storage.Mongo;

public class MongoIndexesTests
{
    [Fact]
    public void Resources_ForTheDefaultRegistry_AreScopeLookupsAndOneUniqueIndexPerUniqueAttribute()
    {
        var rendered = new BsonArray(MongoIndexes.Resources(SchemaRegistry.CreateDefault().ResourceTypes).Select(index => index.Render()));

        Assert.Equal(
            BsonArray.Create(BsonSerializerHelpers.ParseArray("""
                [
                  { "name": "scope", "key": { "_id.t": 1, "_id.rt": 1, "createdTicks": 1, "_id.id": 1 } },
                  { "name": "externalId", "key": { "_id.t": 1, "_id.rt": 1, "externalId": 1 } },
                  { "name": "lastModified", "key": { "_id.t": 1, "_id.rt": 1, "lastModified": 1 } },
                  { "name": "unique_userName", "key": { "_id.t": 1, "_id.rt": 1, "unique.userName": 1 }, "unique": true,
                    "partialFilterExpression": { "unique.userName": { "$exists": true } } },
                  { "name": "unique_displayName", "key": { "_id.t": 1, "_id.rt": 1, "unique.displayName": 1 }, "unique": true,
                    "partialFilterExpression": { "unique.displayName": { "$exists": true } } }
                ]
                """)).ToJson(),
            rendered.ToJson());
    }

    [Fact]
    public void Memberships_AreOneUniqueRowPerGroupAndMemberAndALookupByMember()
    {
        var rendered = new BsonArray(MongoIndexes.Memberships().Select(index => index.Render()));

        Assert.Equal(
            BsonSerializerHelpers.ParseArray("""
                [
                  { "name": "membership", "key": { "t": 1, "g": 1, "m": 1 }, "unique": true },
                  { "name": "memberOf", "key": { "t": 1, "m": 1 } }
                ]
                """).ToJson(),
            rendered.ToJson());
    }

    [Fact]
    public void Resources_UniqueExtensionAttribute_GetsAnIndexOnItsEncodedName()
    {
        var extension = new SchemaDefinition("urn:example:2.0:Badge", "Badge", "", [new AttributeDefinition { Name = "badge", Uniqueness = Uniqueness.Server }]);
        var type = BuiltInSchemas.UserResourceType with { Extensions = [new SchemaExtension(extension, false)] };

        var unique = MongoIndexes.Resources([type]).Single(index => index.Unique && index.Name != "unique_userName");

        Assert.Equal("unique_urn:example:2%2E0:Badge:badge", unique.Name);
        Assert.Equal(
            """{ "_id.t" : 1, "_id.rt" : 1, "unique.urn:example:2%2E0:Badge:badge" : 1 }""",
            unique.Keys.ToJson());
    }
}
