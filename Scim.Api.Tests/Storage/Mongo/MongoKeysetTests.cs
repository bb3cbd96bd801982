using MongoDB.Bson;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Paging;
using Scim.Api.Storage.Mongo;
using static Scim.Api.Tests.Storage.FilterBuilder;

namespace Scim.Api.Tests.Storage.Mongo;

/// <summary>The keyset conditions rendered without a server (the contract suite runs them where Docker is).</summary>
public class MongoKeysetTests
{
    private static IReadOnlyList<(string Field, int Direction)> Fields(string? attribute, bool descending = false) =>
        MongoSort.Plan(MongoTestTypes.TypeNamed("User"), attribute is null ? null : new SortSpec(Path(attribute), descending)).Fields;

    [Fact]
    public void Beyond_InCreationOrder_IsARangeOnTheFirstIndexedFieldRefinedByTheExactOrder()
    {
        var condition = MongoKeyset.Beyond(Fields(null), new BsonArray { 100L, "abc" }, backward: false, inclusive: false, stored: true);

        BsonSerializerHelpers.AssertBson(
            """
            { "$and" : [
                { "createdTicks" : { "$gte" : 100 } },
                { "$or" : [
                    { "createdTicks" : { "$gt" : 100 } },
                    { "$and" : [{ "createdTicks" : 100 }, { "_id.id" : { "$gt" : "abc" } }] } ] } ] }
            """,
            condition);
    }

    [Fact]
    public void Beyond_OnAUniqueAttribute_IsOneRange()
    {
        var fields = Fields("userName");

        var condition = MongoKeyset.Beyond(fields, new BsonArray { "BJENSEN" }, backward: false, inclusive: false, stored: true);

        BsonSerializerHelpers.AssertBson("""{ "unique.userName" : { "$gt" : "BJENSEN" } }""", condition);
    }

    [Fact]
    public void Beyond_BackwardAndInclusive_ReversesEveryDirectionAndAddsTheAnchor()
    {
        var condition = MongoKeyset.Beyond(Fields(null), new BsonArray { 100L, "abc" }, backward: true, inclusive: true, stored: true);

        BsonSerializerHelpers.AssertBson(
            """
            { "$and" : [
                { "createdTicks" : { "$lte" : 100 } },
                { "$or" : [
                    { "createdTicks" : { "$lt" : 100 } },
                    { "$and" : [{ "createdTicks" : 100 }, { "_id.id" : { "$lt" : "abc" } }] },
                    { "$and" : [{ "createdTicks" : 100 }, { "_id.id" : "abc" }] } ] } ] }
            """,
            condition);
    }

    [Fact]
    public void Beyond_OnAComputedKey_ComparesWithExprAcrossTypes()
    {
        var fields = Fields("title", descending: true);
        var condition = MongoKeyset.Beyond(fields, new BsonArray { 0, "ENGINEER", 5L, "x" }, backward: false, inclusive: false, stored: false);

        Assert.Equal(["_sortMissing", "_sortKey", "createdTicks", "_id.id"], fields.Select(f => f.Field));
        BsonSerializerHelpers.AssertBson(
            """{ "$expr" : { "$lt" : [{ "$ifNull" : ["$_sortMissing", null] }, { "$literal" : 0 }] } }""",
            condition["$or"][0].AsBsonDocument);
    }

    [Fact]
    public void Position_RoundTripsTheSortValuesWithTheirTypes()
    {
        var fields = Fields("title");
        var resource = new BsonDocument
        {
            { "_id", new BsonDocument { { "t", "tenant" }, { "id", "u1" } } },
            { "_sortMissing", 0 },
            { "_sortKey", new BsonDateTime(DateTime.UnixEpoch) },
            { "createdTicks", 42L },
        };

        var values = MongoKeyset.Parse(MongoKeyset.Format(resource, fields), fields.Count);

        Assert.Equal(new BsonArray { 0, new BsonDateTime(DateTime.UnixEpoch), 42L, "u1" }, values);
    }

    [Theory]
    [InlineData("")]
    [InlineData("42")]
    [InlineData("{\"k\":[1]}")]
    [InlineData("{\"k\":\"x\"}")]
    [InlineData("{")]
    public void Parse_APositionThisOrderDidNotMake_IsAnInvalidCursor(string position)
    {
        var error = Assert.Throws<ScimException>(() => MongoKeyset.Parse(position, 2));

        Assert.Equal(ScimErrorType.InvalidCursor, error.ScimType);
    }
}
