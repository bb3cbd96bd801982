using MongoDB.Bson;
using Scim.Api.Core.Filters;
using Scim.Api.Storage.Mongo;

namespace Scim.Api.Tests.Storage.Mongo;

public class MongoMembershipLookupTests
{
    private static MongoMembershipLookup LookupFor(string type, string filter)
    {
        var resourceType = MongoTestTypes.TypeNamed(type);
        var part = Assert.Single(MongoMembershipLookup.Collect(FilterResolver.Resolve(FilterParser.Parse(filter), resourceType), resourceType));
        return MongoMembershipLookup.For(part, resourceType, "t1", "_m0", ["User", "Group"], ["Group"]);
    }

    public static readonly TheoryData<string, string, string, string> StoredFieldCases = new()
    {
        { "Group", "members.value eq \"u1\"", "g", """[{ "$match" : { "t" : "t1", "mk" : "U1" } }, { "$limit" : 1 }, { "$project" : { "_id" : 1 } }]""" },
        { "Group", "members.value ne \"u1\"", "g", """[{ "$match" : { "t" : "t1", "mk" : "U1" } }, { "$limit" : 1 }, { "$project" : { "_id" : 1 } }]""" },
        { "Group", "members[value eq \"u1\" and type eq \"User\"]", "g", """[{ "$match" : { "t" : "t1", "mk" : "U1", "typeKey" : "USER" } }, { "$limit" : 1 }, { "$project" : { "_id" : 1 } }]""" },
        { "Group", "members.type eq \"user\"", "g", """[{ "$match" : { "t" : "t1", "typeKey" : "USER" } }, { "$limit" : 1 }, { "$project" : { "_id" : 1 } }]""" },
        { "Group", "members pr", "g", """[{ "$match" : { "t" : "t1" } }, { "$limit" : 1 }, { "$project" : { "_id" : 1 } }]""" },
        { "Group", "members eq null", "g", """[{ "$match" : { "t" : "t1" } }, { "$limit" : 1 }, { "$project" : { "_id" : 1 } }]""" },
        { "Group", "members[not (type eq \"Group\")]", "g", """[{ "$match" : { "t" : "t1", "$nor" : [{ "typeKey" : "GROUP" }] } }, { "$limit" : 1 }, { "$project" : { "_id" : 1 } }]""" },
        { "User", "groups.value eq \"g9\"", "m", """[{ "$match" : { "t" : "t1", "gk" : "G9" } }, { "$limit" : 1 }, { "$project" : { "_id" : 1 } }]""" },
        { "User", "groups[value sw \"g\" and type eq \"direct\"]", "m", """[{ "$match" : { "t" : "t1", "gk" : { "$regularExpression" : { "pattern" : "\\AG", "options" : "" } } } }, { "$limit" : 1 }, { "$project" : { "_id" : 1 } }]""" },
        { "User", "groups[type eq \"indirect\"]", "m", """[{ "$match" : { "t" : "t1", "_id" : { "$in" : [] } } }, { "$limit" : 1 }, { "$project" : { "_id" : 1 } }]""" },
        { "User", "groups pr", "m", """[{ "$match" : { "t" : "t1" } }, { "$limit" : 1 }, { "$project" : { "_id" : 1 } }]""" },
    };

    // The rows of the resource are found by the lookup's own equality (localField _id.id = foreignField g or m) with
    // the tenant of the first $match: the (t, g, m) and (t, m, g) indexes serve it, and $limit stops at the first row.
    [Theory]
    [MemberData(nameof(StoredFieldCases))]
    public void For_AConditionOnStoredRowFields_SeeksTheResourcesRowsAndStopsAtTheFirstMatch(string type, string filter, string foreignField, string pipeline)
    {
        var lookup = LookupFor(type, filter);

        var stage = lookup.Stage["$lookup"].AsBsonDocument;
        Assert.Equal(("memberships", "_id.id", foreignField, "_m0"), (stage["from"].AsString, stage["localField"].AsString, stage["foreignField"].AsString, stage["as"].AsString));
        BsonSerializerHelpers.AssertBson(pipeline, stage["pipeline"]);
    }

    [Theory]
    [InlineData("Group", "members.display co \"bar\"", """{ "_displayKey" : { "$regularExpression" : { "pattern" : "BAR", "options" : "" } } }""")]
    [InlineData("Group", "members.type eq \"User\" and members.display eq \"x\"", null)]
    [InlineData("Group", "members[display gt \"M\"]", """{ "_displayKey" : { "$gt" : "M" } }""")]
    [InlineData("Group", "members[display eq \"Babs\" and type eq \"User\"]", """{ "_displayKey" : "BABS", "typeKey" : "USER" }""")]
    [InlineData("User", "groups.display eq \"Admins\"", """{ "_displayKey" : "ADMINS" }""")]
    public void For_AConditionOnADisplay_TestsItOnlyAfterTheJoinThatDerivesIt(string type, string filter, string? condition)
    {
        var resourceType = MongoTestTypes.TypeNamed(type);
        var parts = MongoMembershipLookup.Collect(FilterResolver.Resolve(FilterParser.Parse(filter), resourceType), resourceType);
        var display = parts.Single(part => FilterPrinter.Print(part).Contains("display", StringComparison.OrdinalIgnoreCase));

        var rows = MongoMembershipLookup.For(display, resourceType, "t1", "_m0", ["User", "Group"], ["Group"]).Stage["$lookup"]["pipeline"].AsBsonArray;

        // The first stage selects by tenant only: the display does not exist until the join and $addFields below.
        BsonSerializerHelpers.AssertBson("""{ "$match" : { "t" : "t1" } }""", rows[0]);
        Assert.Equal(["$match", "$addFields", "$lookup", "$addFields", "$match", "$limit", "$project"], rows.Select(stage => stage.AsBsonDocument.GetElement(0).Name));
        Assert.Contains("_displayKey", rows[3]["$addFields"].AsBsonDocument.Names);
        if (condition is not null)
        {
            BsonSerializerHelpers.AssertBson(condition, rows[4]["$match"]);
        }
    }

    [Fact]
    public void For_AMembersDisplay_JoinsEachRowToItsMemberByWholeKeyAndPrefersTheDisplayTheClientGave()
    {
        var rows = LookupFor("Group", "members.display eq \"Babs\"").Stage["$lookup"]["pipeline"].AsBsonArray;

        BsonSerializerHelpers.AssertBson(
            """
            [
              { "$match" : { "t" : "t1" } },
              { "$addFields" : { "_keys" : [
                  { "t" : "$t", "rt" : { "$literal" : "User" }, "id" : "$m" },
                  { "t" : "$t", "rt" : { "$literal" : "Group" }, "id" : "$m" } ] } },
              { "$lookup" : { "from" : "resources", "localField" : "_keys", "foreignField" : "_id",
                              "pipeline" : [{ "$project" : { "display" : 1, "displayKey" : 1 } }], "as" : "_r" } },
              { "$addFields" : {
                  "_display" : { "$ifNull" : ["$display", { "$first" : "$_r.display" }] },
                  "_displayKey" : { "$ifNull" : ["$displayKey", { "$first" : "$_r.displayKey" }] } } },
              { "$match" : { "_displayKey" : "BABS" } },
              { "$limit" : 1 },
              { "$project" : { "_id" : 1 } }
            ]
            """,
            rows);
    }

    [Fact]
    public void For_AUsersGroupDisplay_JoinsEachRowToItsGroup()
    {
        var rows = LookupFor("User", "groups.display eq \"Admins\"").Stage["$lookup"]["pipeline"].AsBsonArray;

        BsonSerializerHelpers.AssertBson("""{ "_keys" : [{ "t" : "$t", "rt" : { "$literal" : "Group" }, "id" : "$g" }] }""", rows[1]["$addFields"]);
        BsonSerializerHelpers.AssertBson("""{ "_display" : { "$first" : "$_r.display" }, "_displayKey" : { "$first" : "$_r.displayKey" } }""", rows[3]["$addFields"]);
    }

    [Theory]
    [InlineData("members.value eq \"u1\" or members.value ne \"u1\"")]
    [InlineData("members[value eq \"u1\"] and not (members[value eq \"u1\"])")]
    public void Collect_TheSamePartTwice_LooksItUpOnce(string filter)
    {
        var parts = MongoMembershipLookup.Collect(FilterResolver.Resolve(FilterParser.Parse(filter), MongoTestTypes.Group), MongoTestTypes.Group);

        Assert.Single(parts);
    }

    [Theory]
    [InlineData(false, """{ "_m0.0" : { "$exists" : true } }""")]
    [InlineData(true, """{ "_m0.0" : { "$exists" : false } }""")]
    public void Matched_TestsWhetherTheLookupFoundARow(bool negated, string expected)
    {
        BsonSerializerHelpers.AssertBson(expected, MongoMembershipLookup.Matched("_m0", negated));
    }
}
