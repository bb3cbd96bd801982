using MongoDB.Bson;
using Scim.Api.Core.Schema;
using Scim.Api.Storage.Mongo;

namespace Scim.Api.Tests.Storage.Mongo;

public class MongoIndexesTests
{
    [Fact]
    public void Resources_ForTheDefaultRegistry_AreTheOrdersWithTheirTieBreakersLookupsAndOneUniqueIndexPerUniqueAttribute()
    {
        var rendered = new BsonArray(MongoIndexes.Resources(SchemaRegistry.CreateDefault().ResourceTypes).Select(index => index.Render()));

        Assert.Equal(
            BsonArray.Create(BsonSerializerHelpers.ParseArray("""
                [
                  { "name": "scope", "key": { "_id.t": 1, "_id.rt": 1, "createdTicks": 1, "_id.id": 1 } },
                  { "name": "created_desc", "key": { "_id.t": 1, "_id.rt": 1, "createdTicks": 1, "_id.id": -1 } },
                  { "name": "id", "key": { "_id.t": 1, "_id.rt": 1, "_id.id": 1 } },
                  { "name": "externalId_created", "key": { "_id.t": 1, "_id.rt": 1, "externalId": 1, "createdTicks": 1, "_id.id": 1 } },
                  { "name": "lastModified_asc", "key": { "_id.t": 1, "_id.rt": 1, "lastModifiedTicks": 1, "createdTicks": 1, "_id.id": 1 } },
                  { "name": "lastModified_desc", "key": { "_id.t": 1, "_id.rt": 1, "lastModifiedTicks": 1, "createdTicks": -1, "_id.id": -1 } },
                  { "name": "pending", "key": { "rowsPending": 1 }, "partialFilterExpression": { "rowsPending": { "$exists": true } } },
                  { "name": "unique_userName", "key": { "_id.t": 1, "_id.rt": 1, "unique.userName": 1 }, "unique": true,
                    "partialFilterExpression": { "unique.userName": { "$exists": true } } },
                  { "name": "unique_displayName", "key": { "_id.t": 1, "_id.rt": 1, "unique.displayName": 1 }, "unique": true,
                    "partialFilterExpression": { "unique.displayName": { "$exists": true } } }
                ]
                """)).ToJson(),
            rendered.ToJson());
    }

    [Fact]
    public void Memberships_AreOneUniqueRowPerGroupAndMemberAndALookupByMemberAndGroup()
    {
        var rendered = new BsonArray(MongoIndexes.Memberships().Select(index => index.Render()));

        Assert.Equal(
            BsonSerializerHelpers.ParseArray("""
                [
                  { "name": "membership", "key": { "t": 1, "g": 1, "m": 1 }, "unique": true },
                  { "name": "memberOf_group", "key": { "t": 1, "m": 1, "g": 1 } }
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

    [Fact]
    public void Tombstones_AreListedPerTenantNewestFirstAndPurgedByAge_WithNoUniqueIndex()
    {
        var rendered = new BsonArray(MongoIndexes.Tombstones().Select(index => index.Render()));

        Assert.Equal(
            BsonSerializerHelpers.ParseArray("""
                [
                  { "name": "deleted_newest", "key": { "_id.t": 1, "deletedAtTicks": 1, "_id": 1 } },
                  { "name": "deleted_newest_type", "key": { "_id.t": 1, "_id.rt": 1, "deletedAtTicks": 1, "_id": 1 } },
                  { "name": "age", "key": { "deletedAtTicks": 1 } },
                  { "name": "pending", "key": { "rowsPending": 1 }, "partialFilterExpression": { "rowsPending": { "$exists": true } } }
                ]
                """).ToJson(),
            rendered.ToJson());
    }

    [Fact]
    public void TombstoneMemberships_AreOneRowPerOwnerGroupAndMember_FoundByEitherSide()
    {
        var rendered = new BsonArray(MongoIndexes.TombstoneMemberships().Select(index => index.Render()));

        Assert.Equal(
            BsonSerializerHelpers.ParseArray("""
                [
                  { "name": "owner", "key": { "t": 1, "o": 1, "g": 1, "m": 1 }, "unique": true },
                  { "name": "group", "key": { "t": 1, "g": 1 } },
                  { "name": "member", "key": { "t": 1, "m": 1 } }
                ]
                """).ToJson(),
            rendered.ToJson());
    }

    [Fact]
    public void Audit_IsQueriedByResourceByTenantAndByTime()
    {
        var rendered = new BsonArray(MongoIndexes.Audit().Select(index => index.Render()));

        Assert.Equal(
            BsonSerializerHelpers.ParseArray("""
                [
                  { "name": "resource_newest", "key": { "t": 1, "rt": 1, "id": 1, "atTicks": 1, "_id": 1 } },
                  { "name": "tenant_newest", "key": { "t": 1, "atTicks": 1, "_id": 1 } },
                  { "name": "type_newest", "key": { "t": 1, "rt": 1, "atTicks": 1, "_id": 1 } },
                  { "name": "time_newest", "key": { "atTicks": 1, "_id": 1 } }
                ]
                """).ToJson(),
            rendered.ToJson());
    }
}
