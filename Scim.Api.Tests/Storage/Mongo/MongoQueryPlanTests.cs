using MongoDB.Bson;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Paging;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;
using Scim.Api.Storage.Mongo;

namespace Scim.Api.Tests.Storage.Mongo;

public class MongoQueryPlanTests
{
    private static MongoQueryPlan Plan(string type, string filter, SortSpec? sort = null) => MongoQueryPlan.For(
        new ResourceQuery("t", type == "Group" ? BuiltInSchemas.GroupResourceType : BuiltInSchemas.UserResourceType, FilterParser.Parse(filter), sort, new PageRequest(1, 10), ReadOptions.DocumentOnly),
        ["User", "Group"],
        ["Group"]);

    [Fact]
    public void For_A999TermOrOnOneAttribute_IsOneInOverItsIndex()
    {
        var filter = string.Join(" or ", Enumerable.Range(0, 999).Select(i => $"userName eq \"u{i}\""));

        var plan = Plan("User", filter);

        Assert.Equal(999, plan.Match["unique.userName"]["$in"].AsBsonArray.Count);
        Assert.Equal(["_id.t", "_id.rt", "unique.userName"], plan.Match.Names.ToArray());
    }

    [Fact]
    public void For_A999TermOrAcrossAttributes_IsOneInPerAttribute()
    {
        var filter = string.Join(" or ", Enumerable.Range(0, 999).Select(i => i % 2 == 0 ? $"userName eq \"u{i}\"" : $"name.familyName co \"f{i}\""));

        var plan = Plan("User", filter);

        var alternatives = plan.Match["$or"].AsBsonArray;
        Assert.Equal(500, alternatives[0]["unique.userName"]["$in"].AsBsonArray.Count);
        Assert.Equal(499, alternatives[1]["fold.name.familyName"]["$in"].AsBsonArray.Count(value => value is BsonRegularExpression));
        Assert.True(MongoConditions.Depth(plan.Match) < 10);
    }

    [Fact]
    public void For_AFilterNestedTooDeeplyForMongoDb_IsInvalidFilterNotAServerError()
    {
        var filter = string.Concat(Enumerable.Repeat("not (userName eq \"a\" or ", 50)) + "userName eq \"b\"" + new string(')', 50);

        var error = Assert.Throws<ScimException>(() => Plan("User", filter));

        Assert.Equal((400, ScimErrorType.InvalidFilter), (error.Status, error.ScimType));
    }

    [Fact]
    public void For_AMembershipCondition_KeepsTheOtherConditionsInTheFirstMatchAndTestsTheLookupAfterIt()
    {
        var plan = Plan("Group", "displayName sw \"A\" and members.display co \"ens\"", new SortSpec(FilterBuilder.Path("displayName"), false));

        var page = new BsonArray(plan.PagePipeline(0, 10));

        Assert.Equal(["$match", "$sort", "$lookup", "$match", "$limit", "$project"], page.Select(stage => stage.AsBsonDocument.GetElement(0).Name));
        Assert.Contains("unique.displayName", page[0]["$match"].ToJson(), StringComparison.Ordinal);
        Assert.DoesNotContain("_m0", page[0]["$match"].ToJson(), StringComparison.Ordinal);
        BsonSerializerHelpers.AssertBson("""{ "_m0.0" : { "$exists" : true } }""", page[3]["$match"]);
    }
}
