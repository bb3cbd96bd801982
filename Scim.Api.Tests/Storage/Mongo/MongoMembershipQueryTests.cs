using MongoDB.Bson;
using Scim.Api.Core.Filters;
using Scim.Api.Storage.Mongo;

namespace Scim.Api.Tests.Storage.Mongo;

public class MongoMembershipQueryTests
{
    public static readonly TheoryData<string, string, string, string> Cases = new()
    {
        { "Group", "members.value eq \"u1\"", """{ "t" : "t1", "m" : { "$regularExpression" : { "pattern" : "\\Au1\\z", "options" : "i" } } }""", "g" },
        { "Group", "members.value ne \"u1\"", """{ "t" : "t1", "m" : { "$regularExpression" : { "pattern" : "\\Au1\\z", "options" : "i" } } }""", "g" },
        { "Group", "members[value eq \"u1\" and type eq \"User\"]", """{ "$and" : [{ "t" : "t1" }, { "m" : { "$regularExpression" : { "pattern" : "\\Au1\\z", "options" : "i" } } }, { "_type" : { "$regularExpression" : { "pattern" : "\\AUser\\z", "options" : "i" } } }] }""", "g" },
        { "Group", "members pr", """{ "t" : "t1" }""", "g" },
        { "Group", "members eq null", """{ "t" : "t1" }""", "g" },
        { "Group", "members.display co \"bar\"", """{ "t" : "t1", "_display" : { "$regularExpression" : { "pattern" : "bar", "options" : "i" } } }""", "g" },
        { "Group", "members[display gt \"M\"]", """{ "t" : "t1", "$expr" : { "$and" : [{ "$eq" : [{ "$type" : "$_display" }, "string"] }, { "$gt" : [{ "$toUpper" : "$_display" }, { "$toUpper" : { "$literal" : "M" } }] }] } }""", "g" },
        { "Group", "members[not (type eq \"Group\")]", """{ "t" : "t1", "$nor" : [{ "_type" : { "$regularExpression" : { "pattern" : "\\AGroup\\z", "options" : "i" } } }] }""", "g" },
        { "User", "groups.value eq \"g9\"", """{ "t" : "t1", "g" : { "$regularExpression" : { "pattern" : "\\Ag9\\z", "options" : "i" } } }""", "m" },
        { "User", "groups[value sw \"g\" and type eq \"direct\"]", """{ "t" : "t1", "g" : { "$regularExpression" : { "pattern" : "\\Ag", "options" : "i" } } }""", "m" },
        { "User", "groups[type eq \"indirect\"]", """{ "t" : "t1", "_id" : { "$in" : [] } }""", "m" },
        { "User", "groups pr", """{ "t" : "t1" }""", "m" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void For_MembershipPartOfAFilter_SelectsTheMembershipRows(string type, string filter, string expected, string idField)
    {
        var resourceType = MongoTestTypes.TypeNamed(type);
        var part = Assert.Single(MongoMembershipQuery.Collect(FilterResolver.Resolve(FilterParser.Parse(filter), resourceType), resourceType));

        var query = MongoMembershipQuery.For(part, resourceType, "t1", ["User", "Group"], ["Group"]);

        BsonSerializerHelpers.AssertBson(expected, query.Filter);
        Assert.Equal(idField, query.ResourceIdField);
    }

    [Theory]
    [InlineData("members.value eq \"u1\" or members.value ne \"u1\"")]
    [InlineData("members[value eq \"u1\"] and not (members[value eq \"u1\"])")]
    public void Collect_TheSamePartTwice_RunsItOnce(string filter)
    {
        var parts = MongoMembershipQuery.Collect(FilterResolver.Resolve(FilterParser.Parse(filter), MongoTestTypes.Group), MongoTestTypes.Group);

        Assert.Single(parts);
    }

    [Fact]
    public void For_AMembersDisplay_JoinsEachRowToItsMemberAndPrefersTheDisplayTheClientGave()
    {
        var part = Assert.Single(MongoMembershipQuery.Collect(
            FilterResolver.Resolve(FilterParser.Parse("members[display eq \"Babs\" and type eq \"User\"]"), MongoTestTypes.Group), MongoTestTypes.Group));

        var query = MongoMembershipQuery.For(part, MongoTestTypes.Group, "t1", ["User", "Group"], ["Group"]);

        BsonSerializerHelpers.AssertBson(
            """
            [
              { "$match" : { "t" : "t1" } },
              { "$addFields" : { "_keys" : [
                  { "t" : "$t", "rt" : { "$literal" : "User" }, "id" : "$m" },
                  { "t" : "$t", "rt" : { "$literal" : "Group" }, "id" : "$m" } ] } },
              { "$lookup" : { "from" : "resources", "localField" : "_keys", "foreignField" : "_id",
                              "pipeline" : [{ "$project" : { "display" : 1 } }], "as" : "_r" } },
              { "$addFields" : {
                  "_display" : { "$ifNull" : ["$display", { "$first" : "$_r.display" }] },
                  "_type" : { "$ifNull" : [{ "$first" : "$_r._id.rt" }, "$type"] } } },
              { "$match" : { "$and" : [{ "t" : "t1" },
                  { "_display" : { "$regularExpression" : { "pattern" : "\\ABabs\\z", "options" : "i" } } },
                  { "_type" : { "$regularExpression" : { "pattern" : "\\AUser\\z", "options" : "i" } } }] } },
              { "$group" : { "_id" : "$g" } }
            ]
            """,
            new BsonArray(query.Pipeline!));
    }

    [Fact]
    public void For_AUsersGroupDisplay_JoinsEachRowToItsGroup()
    {
        var part = Assert.Single(MongoMembershipQuery.Collect(
            FilterResolver.Resolve(FilterParser.Parse("groups.display eq \"Admins\""), MongoTestTypes.User), MongoTestTypes.User));

        var query = MongoMembershipQuery.For(part, MongoTestTypes.User, "t1", ["User", "Group"], ["Group"]);

        var pipeline = new BsonArray(query.Pipeline!);
        BsonSerializerHelpers.AssertBson("""{ "_keys" : [{ "t" : "$t", "rt" : { "$literal" : "Group" }, "id" : "$g" }] }""", pipeline[1]["$addFields"]);
        BsonSerializerHelpers.AssertBson("""{ "_display" : { "$first" : "$_r.display" } }""", pipeline[3]["$addFields"]);
        BsonSerializerHelpers.AssertBson("""{ "_id" : "$m" }""", pipeline[5]["$group"]);
    }
}
