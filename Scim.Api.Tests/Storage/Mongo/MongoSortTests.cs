using MongoDB.Bson;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Paging;
using Scim.Api.Storage.Mongo;

namespace Scim.Api.Tests.Storage.Mongo;

public class MongoSortTests
{
    [Fact]
    public void Stages_WithoutASort_OrderByCreation()
    {
        BsonSerializerHelpers.AssertBson("""[{ "$sort" : { "createdTicks" : 1, "_id.id" : 1 } }]""", Render("User", null, false));
    }

    // Each of these orders is an index walk (MongoIndexes): the sort holds the index's own tie-breakers, and ties keep
    // creation order (creation ticks, then id, ascending) whichever way the sort goes.
    [Theory]
    [InlineData("User", "userName", false, """[{ "$sort" : { "unique.userName" : 1 } }]""")]
    [InlineData("Group", "displayName", true, """[{ "$sort" : { "unique.displayName" : -1 } }]""")]
    [InlineData("User", "meta.lastModified", true, """[{ "$sort" : { "lastModifiedTicks" : -1, "createdTicks" : 1, "_id.id" : 1 } }]""")]
    [InlineData("User", "meta.lastModified", false, """[{ "$sort" : { "lastModifiedTicks" : 1, "createdTicks" : 1, "_id.id" : 1 } }]""")]
    [InlineData("User", "meta.created", false, """[{ "$sort" : { "createdTicks" : 1, "_id.id" : 1 } }]""")]
    [InlineData("User", "meta.created", true, """[{ "$sort" : { "createdTicks" : -1, "_id.id" : 1 } }]""")]
    [InlineData("User", "meta.resourceType", true, """[{ "$sort" : { "createdTicks" : 1, "_id.id" : 1 } }]""")]
    [InlineData("User", "id", true, """[{ "$sort" : { "_id.id" : -1 } }]""")]
    public void Stages_OnStoredFields_AreServedByAnIndex(string type, string attribute, bool descending, string expected)
    {
        var plan = MongoSort.Plan(MongoTestTypes.TypeNamed(type), new SortSpec(FilterBuilder.Path(attribute), descending));

        BsonSerializerHelpers.AssertBson(expected, new BsonArray(plan.Stages));
        Assert.True(plan.IndexServed);
    }

    [Fact]
    public void Plan_OnAUniqueAttribute_RequiresItToExist_SoThePartialUniqueIndexServesTheSort()
    {
        var plan = MongoSort.Plan(MongoTestTypes.User, new SortSpec(FilterBuilder.Path("userName"), false));

        BsonSerializerHelpers.AssertBson("""{ "unique.userName" : { "$exists" : true } }""", plan.Requires!);
    }

    [Fact]
    public void Stages_OnCaseInsensitiveText_SortTheFoldedCopyWithAbsentValuesLast()
    {
        BsonSerializerHelpers.AssertBson(
            """
            [
              { "$addFields" : { "_sortValue" : "$fold.name.familyName" } },
              { "$addFields" : {
                  "_sortMissing" : { "$cond" : { "if" : { "$in" : [{ "$type" : "$_sortValue" }, ["missing", "null"]] }, "then" : 1, "else" : 0 } },
                  "_sortKey" : "$_sortValue" } },
              { "$sort" : { "_sortMissing" : 1, "_sortKey" : 1, "createdTicks" : 1, "_id.id" : 1 } }
            ]
            """,
            Render("User", "name.familyName", false));
        Assert.False(MongoSort.Plan(MongoTestTypes.User, new SortSpec(FilterBuilder.Path("name.familyName"), false)).IndexServed);
    }

    [Fact]
    public void Stages_Descending_PutAbsentValuesFirst()
    {
        var sort = Render("User", "externalId", true)[^1].AsBsonDocument;

        BsonSerializerHelpers.AssertBson("""{ "$sort" : { "_sortMissing" : -1, "_sortKey" : -1, "createdTicks" : 1, "_id.id" : 1 } }""", sort);
    }

    [Fact]
    public void Stages_OnAMultiValuedAttribute_SortByThePrimaryValueElseTheFirst()
    {
        var value = Render("User", "emails", false)[0]["$addFields"]["_sortValue"];

        BsonSerializerHelpers.AssertBson(
            """
            { "$let" : {
                "vars" : { "chosen" : { "$first" : { "$concatArrays" : [
                  { "$filter" : { "input" : { "$cond" : { "if" : { "$isArray" : "$fold.emails" }, "then" : "$fold.emails", "else" : ["$fold.emails"] } },
                                  "cond" : { "$eq" : ["$$this.primary", true] } } },
                  { "$cond" : { "if" : { "$isArray" : "$fold.emails" }, "then" : "$fold.emails", "else" : ["$fold.emails"] } } ] } } },
                "in" : { "$cond" : { "if" : { "$eq" : [{ "$type" : "$$chosen" }, "object"] },
                                     "then" : { "$getField" : { "field" : { "$literal" : "value" }, "input" : "$$chosen" } },
                                     "else" : null } } } }
            """,
            value);
    }

    [Theory]
    [InlineData("Group", "members")]
    [InlineData("User", "groups.value")]
    [InlineData("User", "nickNam")]
    [InlineData("User", "meta.location")]
    public void Stages_OnAttributesThatCannotBeSorted_AreInvalidValue(string type, string attribute)
    {
        var error = Assert.Throws<ScimException>(() => Render(type, attribute, false));

        Assert.Equal(ScimErrorType.InvalidValue, error.ScimType);
        Assert.Contains($"sortBy '{attribute}'", error.Detail, StringComparison.Ordinal);
    }

    private static BsonArray Render(string type, string? attribute, bool descending) =>
        new(MongoSort.Plan(MongoTestTypes.TypeNamed(type), attribute is null ? null : new SortSpec(FilterBuilder.Path(attribute), descending)).Stages);
}
