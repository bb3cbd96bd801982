using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;
using Scim.Api.Storage.Mongo;

namespace Scim.Api.Tests.Storage.Mongo;

public class MongoMembershipQueryTests
{
    public static readonly TheoryData<string, string, string, string> Cases = new()
    {
        { "Group", "members.value eq \"u1\"", """{ "t" : "t1", "m" : { "$regularExpression" : { "pattern" : "\\Au1\\z", "options" : "i" } } }""", "g" },
        { "Group", "members.value ne \"u1\"", """{ "t" : "t1", "m" : { "$regularExpression" : { "pattern" : "\\Au1\\z", "options" : "i" } } }""", "g" },
        { "Group", "members[value eq \"u1\" and type eq \"User\"]", """{ "$and" : [{ "t" : "t1" }, { "m" : { "$regularExpression" : { "pattern" : "\\Au1\\z", "options" : "i" } } }, { "type" : { "$regularExpression" : { "pattern" : "\\AUser\\z", "options" : "i" } } }] }""", "g" },
        { "Group", "members pr", """{ "t" : "t1" }""", "g" },
        { "Group", "members eq null", """{ "t" : "t1" }""", "g" },
        { "Group", "members.display co \"bar\"", """{ "t" : "t1", "display" : { "$regularExpression" : { "pattern" : "bar", "options" : "i" } } }""", "g" },
        { "Group", "members[display gt \"M\"]", """{ "t" : "t1", "$expr" : { "$and" : [{ "$eq" : [{ "$type" : "$display" }, "string"] }, { "$gt" : [{ "$toLower" : "$display" }, { "$toLower" : { "$literal" : "M" } }] }] } }""", "g" },
        { "Group", "members[not (type eq \"Group\")]", """{ "t" : "t1", "$nor" : [{ "type" : { "$regularExpression" : { "pattern" : "\\AGroup\\z", "options" : "i" } } }] }""", "g" },
        { "User", "groups.value eq \"g9\"", """{ "t" : "t1", "g" : { "$regularExpression" : { "pattern" : "\\Ag9\\z", "options" : "i" } } }""", "m" },
        { "User", "groups[value sw \"g\" and type eq \"direct\"]", """{ "t" : "t1", "g" : { "$regularExpression" : { "pattern" : "\\Ag", "options" : "i" } } }""", "m" },
        { "User", "groups[type eq \"indirect\"]", """{ "t" : "t1", "_id" : { "$in" : [] } }""", "m" },
        { "User", "groups pr", """{ "t" : "t1" }""", "m" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void For_MembershipPartOfAFilter_QueriesTheMembershipRows(string type, string filter, string expected, string idField)
    {
        var resourceType = MongoTestTypes.TypeNamed(type);
        var part = Assert.Single(MongoMembershipQuery.Collect(FilterResolver.Resolve(FilterParser.Parse(filter), resourceType), resourceType));

        var query = MongoMembershipQuery.For(part, resourceType, "t1");

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

    [Theory]
    [InlineData("User", "groups.display eq \"Admins\"", "'groups.display'")]
    [InlineData("Group", "members.$ref eq \"x\"", "'members.value'")]
    public void For_AttributesThatAreNotStored_AreInvalidFilters(string type, string filter, string named)
    {
        var resourceType = MongoTestTypes.TypeNamed(type);
        var part = Assert.Single(MongoMembershipQuery.Collect(FilterResolver.Resolve(FilterParser.Parse(filter), resourceType), resourceType));

        var error = Assert.Throws<ScimException>(() => MongoMembershipQuery.For(part, resourceType, "t1"));

        Assert.Equal(400, error.Status);
        Assert.Contains(named, error.Detail, StringComparison.Ordinal);
    }
}
