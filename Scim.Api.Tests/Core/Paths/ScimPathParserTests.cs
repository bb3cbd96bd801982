using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Paths;
using Scim.Api.Tests.Core.Filters;
using static Scim.Api.Tests.Core.Filters.FilterTrees;

namespace Scim.Api.Tests.Core.Paths;

public class ScimPathParserTests
{
    private const string EnterpriseBase = "urn:ietf:params:scim:schemas:extension:enterprise:2.0";

    private static readonly Dictionary<string, ScimPath> ValidPaths = new(StringComparer.Ordinal)
    {
        ["userName"] = new(null, "userName", null, null),
        ["name.givenName"] = new(null, "name", null, "givenName"),
        ["NAME.GIVENNAME"] = new(null, "NAME", null, "GIVENNAME"),
        ["members.$ref"] = new(null, "members", null, "$ref"),
        [$"{Enterprise}:employeeNumber"] = new(Enterprise, "employeeNumber", null, null),
        [$"{Enterprise}:manager.value"] = new(Enterprise, "manager", null, "value"),
        [$"{Enterprise}:manager"] = new(Enterprise, "manager", null, null),
        [$"{EnterpriseBase}:User.manager"] = new(EnterpriseBase, "User", null, "manager"),
        [$"{CoreUser}:name.familyName"] = new(CoreUser, "name", null, "familyName"),
        [Enterprise] = new(EnterpriseBase, "User", null, null),
        ["emails[type eq \"work\"]"] = new(null, "emails", Eq("type", "work"), null),
        ["emails[type eq \"work\"].value"] = new(null, "emails", Eq("type", "work"), "value"),
        ["emails[type eq \"work\" and primary eq true].display"] =
            new(null, "emails", And(Eq("type", "work"), Eq("primary", true)), "display"),
        ["emails[value eq \"a]b.c\"].type"] = new(null, "emails", Eq("value", "a]b.c"), "type"),
        ["members[value eq \"x\"]"] = new(null, "members", Eq("value", "x"), null),
        ["members[value eq \"x\"].$ref"] = new(null, "members", Eq("value", "x"), "$ref"),
        ["members[value eq 2819c223-7f76-453a-919d-413861904646]"] = new(null, "members", Eq("value", "2819c223-7f76-453a-919d-413861904646"), null),
        ["addresses[type eq \"work\" or not (primary eq false)].streetAddress"] =
            new(null, "addresses", Or(Eq("type", "work"), Not(Eq("primary", false))), "streetAddress"),
        [$"{Enterprise}:manager[value pr]"] = new(Enterprise, "manager", Pr("value"), null),
        ["  userName  "] = new(null, "userName", null, null),
        ["x-custom_1"] = new(null, "x-custom_1", null, null),
    };

    private static readonly Dictionary<string, (int Position, string Fragment)> InvalidPaths = new(StringComparer.Ordinal)
    {
        [""] = (1, "empty"),
        ["  "] = (3, "empty"),
        ["attr["] = (6, "expected an attribute path"),
        ["attr[]"] = (6, "Unexpected ']'"),
        ["attr[x eq 1]."] = (14, "expected a sub-attribute name"),
        ["attr[x eq 1].1x"] = (14, "not an attribute name"),
        ["attr[x eq 1].a.b"] = (14, "not an attribute name"),
        [".sub"] = (1, "attribute name before '.' is missing"),
        ["attr..sub"] = (1, "Invalid attribute path 'attr..sub'"),
        ["attr.sub.more"] = (1, "at most one sub-attribute"),
        ["attr."] = (1, "sub-attribute name after '.' is missing"),
        ["attr[a eq 1][b eq 2]"] = (13, "Unexpected '['"),
        ["attr[a eq 1"] = (12, "expected ']'"),
        ["attr[a eq 1]x"] = (13, "Unexpected 'x'"),
        ["attr[a[b eq 1] eq 1]"] = (7, "cannot be nested"),
        ["attr[a eq \"x]"] = (11, "Unterminated string"),
        ["attr[a xx 1]"] = (8, "Unknown operator 'xx'"),
        ["name.givenName[value eq 1]"] = (15, "not the sub-attribute 'givenName'"),
        ["user name"] = (6, "Unexpected 'name'"),
        ["urn:x"] = (1, "needs a schema URN"),
        [$"{Enterprise}:"] = (1, "attribute name is missing"),
        ["1abc"] = (1, "not an attribute name"),
        ["(userName)"] = (1, "Unexpected '('"),
        ["userName)"] = (9, "Unexpected ')'"),
        ["emails [type eq \"work\"]"] = (8, "Unexpected '['"),
    };

    public static TheoryData<string> ValidTexts => [.. ValidPaths.Keys];

    public static TheoryData<string> InvalidTexts => [.. InvalidPaths.Keys];

    [Theory]
    [MemberData(nameof(ValidTexts))]
    public void Parse_ValidPath_GivesExpectedPath(string text) => Assert.Equal(ValidPaths[text], ScimPathParser.Parse(text));

    [Theory]
    [MemberData(nameof(InvalidTexts))]
    public void Parse_InvalidPath_IsInvalidPathAtPosition(string text)
    {
        var (position, fragment) = InvalidPaths[text];

        var error = ScimExceptionAssert.Throws(ScimErrorType.InvalidPath, () => ScimPathParser.Parse(text));

        Assert.Equal(position, ScimExceptionAssert.PositionOf(error));
        Assert.Contains(fragment, error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("userName", null, "userName", null)]
    [InlineData("meta.lastModified", null, "meta", "lastModified")]
    [InlineData("Meta.LastModified", null, "Meta", "LastModified")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value", Enterprise, "manager", "value")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", Enterprise, "manager", null)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.manager", EnterpriseBase, "User", "manager")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", EnterpriseBase, "User", null)]
    [InlineData(" emails.value ", null, "emails", "value")]
    public void ParseAttributePath_ValidPath_SplitsUrnNameAndSubAttribute(string text, string? urn, string name, string? sub) =>
        Assert.Equal(new AttributePath(urn, name, sub), ScimPathParser.ParseAttributePath(text));

    [Theory]
    [InlineData("", 1)]
    [InlineData("emails[type eq \"work\"]", 7)]
    [InlineData("emails[type eq \"work\"].value", 7)]
    [InlineData("a..b", 1)]
    [InlineData(".b", 1)]
    [InlineData("a b", 3)]
    [InlineData("a,b", 1)]
    public void ParseAttributePath_InvalidPath_IsInvalidPathAtPosition(string text, int position)
    {
        var error = ScimExceptionAssert.Throws(ScimErrorType.InvalidPath, () => ScimPathParser.ParseAttributePath(text));

        Assert.Equal(position, ScimExceptionAssert.PositionOf(error));
    }

    [Fact]
    public void Parse_ValueFilterError_IsInvalidPathNotInvalidFilter() =>
        ScimExceptionAssert.Throws(ScimErrorType.InvalidPath, () => ScimPathParser.Parse("emails[type eq]"));

    [Fact]
    public void Parse_ValueFilter_IsLenient() =>
        Assert.Equal(Eq("type", "work"), ScimPathParser.Parse("emails[type eq work]").ValueFilter);

    [Fact]
    public void Parse_ValueFilterPath_AttributeIgnoresTheFilter() =>
        Assert.Equal(new AttributePath(null, "emails", "value"), ScimPathParser.Parse("emails[type eq \"work\"].value").Attribute);

    [Fact]
    public void Parse_HugeNestingInValueFilter_IsInvalidPath()
    {
        var text = "emails[" + new string('(', 50_000) + "a pr" + new string(')', 50_000) + "]";

        ScimExceptionAssert.Throws(ScimErrorType.InvalidPath, () => ScimPathParser.Parse(text));
    }
}
