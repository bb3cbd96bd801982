using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Schema;
using Scim.Api.Tests.Support;
using static Scim.Api.Tests.Core.Filters.FilterTrees;

namespace Scim.Api.Tests.Core.Filters;

public class FilterResolverTests
{
    private static readonly ResourceTypeDefinition User = BuiltInSchemas.UserResourceType;
    private static readonly ResourceTypeDefinition Group = BuiltInSchemas.GroupResourceType;
    private static readonly ResourceTypeDefinition Device = TestResourceTypes.FilterDevice;

    private static readonly Dictionary<string, Filter> UserCases = new(StringComparer.Ordinal)
    {
        ["USERNAME eq \"x\""] = Eq("userName", "x"),
        ["DisplayName eq \"x\""] = Eq("displayName", "x"),
        ["name.FAMILYNAME eq \"x\""] = Eq("name.familyName", "x"),
        ["ID eq \"x\""] = Eq("id", "x"),
        ["externalid eq \"x\""] = Eq("externalId", "x"),
        ["Meta.Created gt \"2015-10-10T14:38:21Z\""] = Gt("meta.created", "2015-10-10T14:38:21Z"),
        ["meta.resourcetype eq \"User\""] = Eq("meta.resourceType", "User"),
        ["meta.VERSION eq \"W/\\\"1\\\"\""] = Eq("meta.version", "W/\"1\""),
        ["EMAILS[TYPE eq \"work\"]"] = Vp("emails", Eq("type", "work")),
        ["emails[Primary eq true and Value co \"@x\"]"] = Vp("emails", And(Eq("primary", true), Co("value", "@x"))),
        ["urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"x\""] = Eq("userName", "x"),
        ["URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER:NAME.givenname pr"] = Pr("name.givenName"),
        ["employeeNumber eq \"1\""] = Eq(Urn(Enterprise, "employeeNumber"), "1"),
        ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:EmployeeNumber eq \"1\""] = Eq(Urn(Enterprise, "employeeNumber"), "1"),
        ["URN:IETF:params:scim:schemas:extension:ENTERPRISE:2.0:User:manager.VALUE eq \"m\""] = Eq(Urn(Enterprise, "manager.value"), "m"),
        ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager eq \"m\""] = Eq(Urn(Enterprise, "manager.value"), "m"),
        ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.manager eq \"m\""] = Eq(Urn(Enterprise, "manager.value"), "m"),
        ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager pr"] = Pr(Urn(Enterprise, "manager")),
        ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager[value eq \"m\"]"] = Vp(Urn(Enterprise, "manager"), Eq("value", "m")),
        ["emails co \"example.com\""] = Co("emails.value", "example.com"),
        ["emails pr"] = Pr("emails"),
        ["emails eq null"] = Eq("emails", null),
        ["emails ne null"] = Ne("emails", null),
        ["SCHEMAS eq \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\""] = Eq("schemas", Enterprise),
        ["name pr"] = Pr("name"),
        ["groups eq \"g1\""] = Eq("groups.value", "g1"),
        ["active eq \"True\""] = Eq("active", true),
        ["active ne \"false\""] = Ne("active", false),
        ["userName eq 123"] = Eq("userName", "123"),
        ["externalId eq true"] = Eq("externalId", "true"),
        ["userName eq 1.50"] = Eq("userName", "1.50"),
        ["displayName eq null"] = Eq("displayName", null),
        ["active ne null"] = Ne("active", null),
        ["urn:acme:custom:1.0:User:Badge eq 5"] = Eq(Urn("urn:acme:custom:1.0:User", "Badge"), "5"),
        ["urn:acme:custom:1.0:User:badge.level gt \"3\""] = Cmp(Urn("urn:acme:custom:1.0:User", "badge.level"), ComparisonOperator.GreaterThan, "3"),
        ["urn:acme:custom:1.0:User:Badges[Kind eq \"x\"]"] = Vp(Urn("urn:acme:custom:1.0:User", "Badges"), Eq("Kind", "x")),
        ["not (USERNAME pr) or (NAME.givenName sw \"a\" and DISPLAYNAME pr)"] = Or(Not(Pr("userName")), And(Sw("name.givenName", "a"), Pr("displayName"))),
        ["meta.created gt 2015-10-10T14:38:21.8617979-07:00"] = Gt("meta.created", "2015-10-10T14:38:21.8617979-07:00"),
    };

    private static readonly Dictionary<string, string> UserErrors = new(StringComparer.Ordinal)
    {
        ["foo eq 1"] = "Unknown attribute 'foo'",
        ["groups.$REF eq \"https://x/Groups/g1\""] = "Filter on 'groups.value' instead",
        ["groups[$ref pr]"] = "Filter on 'groups.value' instead",
        ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.$ref pr"] = "Filter on 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value' instead",
        ["name.foo eq \"x\""] = "Unknown attribute 'name.foo'",
        ["userName.sub eq \"x\""] = "Unknown attribute 'userName.sub'",
        ["urn:ietf:params:scim:schemas:core:2.0:User:foo eq 1"] = "Unknown attribute 'urn:ietf:params:scim:schemas:core:2.0:User:foo'",
        ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:foo eq 1"] = "Unknown attribute",
        ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User eq \"x\""] = "whole extension",
        ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User pr"] = "whole extension",
        ["active gt true"] = "'gt' cannot apply to the boolean attribute 'active'",
        ["active ge false"] = "'ge' cannot apply to the boolean",
        ["active lt true"] = "'lt' cannot apply to the boolean",
        ["active le true"] = "'le' cannot apply to the boolean",
        ["active co \"t\""] = "'co' cannot apply to the boolean",
        ["active eq \"maybe\""] = "expected true or false",
        ["active eq 1"] = "expected true or false",
        ["emails[primary gt true]"] = "cannot apply to the boolean attribute 'primary'",
        ["meta.created gt \"yesterday\""] = "not be compared with \"yesterday\"",
        ["meta.created gt 5"] = "'meta.created' is a dateTime attribute",
        ["meta.created eq true"] = "dateTime",
        ["meta.created co \"2015\""] = "'co' cannot apply to the dateTime attribute",
        ["meta.lastModified sw \"2015\""] = "'sw' cannot apply to the dateTime",
        ["name eq \"x\""] = "complex attribute without a 'value' sub-attribute",
        ["name gt \"x\""] = "complex attribute without a 'value' sub-attribute",
        ["emails[foo eq 1]"] = "Unknown attribute 'foo' inside 'emails[…]'",
        ["emails[emails.type eq \"x\"]"] = "'emails.type' is not one",
        ["emails[urn:x:y:type eq \"x\"]"] = "is not one",
        ["userName[value eq \"x\"]"] = "'userName' is not a complex attribute",
        ["emails.value[value eq \"x\"]"] = "'emails.value' is not a complex attribute",
        ["userName gt null"] = "only eq and ne compare with null",
        ["userName co null"] = "only eq and ne compare with null",
        ["x eq 1 and foo pr"] = "Unknown attribute 'foo'",
        ["password eq \"x\""] = "'password' cannot be used in a filter",
        ["Password pr"] = "'password' cannot be used in a filter",
        ["schemas.value eq \"x\""] = "Unknown attribute 'schemas.value'",
        ["urn:ietf:params:scim:schemas:core:2.0:User:schemas eq \"x\""] = "Unknown attribute",
    };

    public static TheoryData<string> UserTexts => [.. UserCases.Keys];

    public static TheoryData<string> UserErrorTexts => [.. UserErrors.Keys];

    [Theory]
    [MemberData(nameof(UserTexts))]
    public void Resolve_UserFilter_GivesCanonicalTree(string text) =>
        Assert.Equal(UserCases[text], FilterResolver.Resolve(FilterParser.Parse(text), User));

    [Theory]
    [MemberData(nameof(UserTexts))]
    public void Resolve_ResolvedFilter_IsUnchanged(string text)
    {
        var resolved = FilterResolver.Resolve(FilterParser.Parse(text), User);

        Assert.Equal(resolved, FilterResolver.Resolve(resolved, User));
    }

    [Theory]
    [MemberData(nameof(UserErrorTexts))]
    public void Resolve_InvalidUserFilter_IsInvalidFilterWithDetail(string text)
    {
        var filter = text == "x eq 1 and foo pr" ? And(Eq("userName", 1), Pr("foo")) : FilterParser.Parse(text);

        var error = ScimExceptionAssert.Throws(ScimErrorType.InvalidFilter, () => FilterResolver.Resolve(filter, User));

        Assert.Contains(UserErrors[text], error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DISPLAYNAME eq \"Admins\"", "displayName eq \"Admins\"")]
    [InlineData("members eq \"u1\"", "members.value eq \"u1\"")]
    [InlineData("Members[Value eq \"u1\" and Type eq \"User\"]", "members[value eq \"u1\" and type eq \"User\"]")]
    [InlineData("members.DISPLAY co \"Bab\"", "members.display co \"Bab\"")]
    [InlineData("id eq \"g1\" and members[value eq \"u1\"]", "id eq \"g1\" and members[value eq \"u1\"]")]
    public void Resolve_GroupFilter_GivesCanonicalText(string text, string expected) =>
        Assert.Equal(expected, FilterPrinter.Print(FilterResolver.Resolve(FilterParser.Parse(text), Group)));

    [Theory]
    [InlineData("userName eq \"x\"", "Unknown attribute 'userName'")]
    [InlineData("employeeNumber eq \"1\"", "Unknown attribute 'employeeNumber'")]
    [InlineData("members.$ref pr", "Filter on 'members.value' instead")]
    [InlineData("members[$ref eq \"https://x/Users/u1\"]", "Filter on 'members.value' instead")]
    public void Resolve_UserAttributeOnGroup_IsInvalidFilter(string text, string fragment)
    {
        var filter = FilterParser.Parse(text);

        var error = ScimExceptionAssert.Throws(ScimErrorType.InvalidFilter, () => FilterResolver.Resolve(filter, Group));

        Assert.Contains(fragment, error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_EnterpriseAttributeOnGroup_IsAnUndeclaredExtensionKeptAsWritten()
    {
        var filter = FilterParser.Parse("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq 1");

        Assert.Equal(Eq(Urn(Enterprise, "employeeNumber"), "1"), FilterResolver.Resolve(filter, Group));
    }

    [Theory]
    [InlineData("ports gt 4", "ports gt 4")]
    [InlineData("ports gt \"4\"", "ports gt 4")]
    [InlineData("LOAD le 0.75", "load le 0.75")]
    [InlineData("readings ge -1", "readings ge -1")]
    [InlineData("firmware eq \"AAEC\"", "firmware eq \"AAEC\"")]
    [InlineData("firmware ne \"AAEC\"", "firmware ne \"AAEC\"")]
    [InlineData("homepage sw \"https://\"", "homepage sw \"https://\"")]
    [InlineData("seen lt \"2020-01-01T00:00:00+02:00\"", "seen lt \"2020-01-01T00:00:00+02:00\"")]
    [InlineData("location.floor gt 2", "location.floor gt 2")]
    [InlineData("owners eq \"u1\"", "owners.value eq \"u1\"")]
    [InlineData("owners[since gt \"2020-01-01T00:00:00Z\"]", "owners[since gt \"2020-01-01T00:00:00Z\"]")]
    [InlineData("tags co \"lab\"", "tags co \"lab\"")]
    [InlineData("location[building eq \"B\" and floor le 3]", "location[building eq \"B\" and floor le 3]")]
    public void Resolve_TypedDeviceFilter_GivesCanonicalText(string text, string expected) =>
        Assert.Equal(expected, FilterPrinter.Print(FilterResolver.Resolve(FilterParser.Parse(text), Device)));

    [Theory]
    [InlineData("firmware gt \"AAEC\"", "'gt' cannot apply to the binary attribute 'firmware'")]
    [InlineData("firmware co \"AA\"", "'co' cannot apply to the binary")]
    [InlineData("firmware sw \"AA\"", "'sw' cannot apply to the binary")]
    [InlineData("firmware eq 5", "expected a base64 string")]
    [InlineData("ports co \"1\"", "'co' cannot apply to the numeric attribute 'ports'")]
    [InlineData("ports ew \"1\"", "'ew' cannot apply to the numeric")]
    [InlineData("ports eq \"four\"", "expected a number")]
    [InlineData("load gt true", "expected a number")]
    [InlineData("seen gt \"10/10/2015\"", "expected a dateTime")]
    [InlineData("owners.since lt 2020", "dateTime")]
    [InlineData("location eq \"B\"", "without a 'value' sub-attribute")]
    [InlineData("location[floor co \"1\"]", "'co' cannot apply to the numeric attribute 'floor'")]
    [InlineData("location[room eq 1]", "Unknown attribute 'room' inside 'location[…]'")]
    [InlineData("tags[value eq \"x\"]", "'tags' is not a complex attribute")]
    [InlineData("enabled gt false", "boolean")]
    public void Resolve_OperatorOrValueUnfitForDeviceAttribute_IsInvalidFilter(string text, string fragment)
    {
        var filter = FilterParser.Parse(text);

        var error = ScimExceptionAssert.Throws(ScimErrorType.InvalidFilter, () => FilterResolver.Resolve(filter, Device));

        Assert.Contains(fragment, error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NestedValuePathBuiltInCode_IsInvalidFilter()
    {
        var filter = Vp("emails", Vp("type", Eq("value", "x")));

        var error = ScimExceptionAssert.Throws(ScimErrorType.InvalidFilter, () => FilterResolver.Resolve(filter, User));

        Assert.Contains("cannot be nested", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_EnterpriseAttribute_CarriesTheCanonicalSchemaUrn()
    {
        var filter = FilterParser.Parse("URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER:department eq \"x\"");

        var resolved = Assert.IsType<ComparisonFilter>(FilterResolver.Resolve(filter, User));

        Assert.Equal(ScimSchemaIds.EnterpriseUser, resolved.Path.SchemaUrn);
        Assert.Equal("department", resolved.Path.Name);
    }

    [Fact]
    public void Resolve_UndeclaredExtensionAttribute_KeepsItsPathAsWritten()
    {
        var filter = FilterParser.Parse("urn:Acme:Ext:1.0:User:CostCode eq \"X\"");

        var resolved = Assert.IsType<ComparisonFilter>(FilterResolver.Resolve(filter, User));

        Assert.Equal(Urn("urn:Acme:Ext:1.0:User", "CostCode"), resolved.Path);
    }

    [Fact]
    public void Resolve_UnknownAttribute_NamesTheResourceType()
    {
        var error = ScimExceptionAssert.Throws(ScimErrorType.InvalidFilter, () => FilterResolver.Resolve(FilterParser.Parse("nickname2 pr"), User));

        Assert.Equal("Unknown attribute 'nickname2' in the filter; the resource type 'User' has no such attribute.", error.Detail);
    }
}
