using Scim.Api.Core.Errors;
using Scim.Api.Core.Projection;
using Scim.Api.Core.Schema;

namespace Scim.Api.Tests.Core.Projection;

public class AttributeSelectionTests
{
    private static readonly ResourceTypeDefinition User = BuiltInSchemas.UserResourceType;
    private static readonly ResourceTypeDefinition Group = BuiltInSchemas.GroupResourceType;

    [Theory]
    [InlineData("emails[type eq")]
    [InlineData("name..givenName")]
    [InlineData("[")]
    [InlineData("user name")]
    [InlineData("emails[type eq \"work\"")]
    [InlineData("emails]")]
    [InlineData("\"userName\"")]
    public void Parse_Garbage_IsInvalidPathNamingTheEntry(string entry)
    {
        var error = Assert.Throws<ScimException>(() => AttributeSelection.Parse($"userName,{entry}", null, User));

        Assert.Equal((400, ScimErrorType.InvalidPath), (error.Status, error.ScimType));
        Assert.StartsWith($"Invalid entry '{entry}' in attributes: ", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_GarbageInExcludedAttributes_NamesThatParameter()
    {
        var error = Assert.Throws<ScimException>(() => AttributeSelection.Parse(null, "a b", User));

        Assert.StartsWith("Invalid entry 'a b' in excludedAttributes: ", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("emails[nonsense eq \"x\"]")]
    [InlineData("emails[primary eq \"yes\"]")]
    public void Parse_ValueFilterThatCannotBeEvaluated_IsInvalidPath(string entry)
    {
        var error = Assert.Throws<ScimException>(() => AttributeSelection.Parse(entry, null, User));

        Assert.Equal(ScimErrorType.InvalidPath, error.ScimType);
        Assert.StartsWith($"Invalid entry '{entry}' in attributes: ", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CommaInsideAQuotedFilterValue_DoesNotSplitTheEntry()
    {
        var selection = AttributeSelection.Parse("emails[value eq \"a,b\"],userName", null, User);

        Assert.Equal(2, selection.Paths.Count);
        Assert.NotNull(selection.Paths[0].ValueFilter);
    }

    [Fact]
    public void Parse_ListForm_AcceptsEntriesAndCommaSeparatedEntries()
    {
        var selection = AttributeSelection.Parse(["userName", "name.givenName, emails", " "], null, User);

        Assert.Equal(["userName", "name.givenName", "emails"], selection.Paths.Select(p => p.Attribute.CanonicalText));
    }

    [Fact]
    public void Parse_UnknownNames_AreIgnored()
    {
        var selection = AttributeSelection.Parse("nonsense,name.nonsense,urn:ietf:params:scim:schemas:core:2.0:User:nope", null, User);

        Assert.Empty(selection.Paths);
        Assert.False(selection.Includes("userName"));
    }

    [Fact]
    public void Parse_NoLists_IsTheDefaultSelection()
    {
        var selection = AttributeSelection.Parse((string?)null, " , ", User);

        Assert.Empty(selection.Paths);
        Assert.True(selection.Includes("emails"));
    }

    [Theory]
    [InlineData(null, null, "members", true)]
    [InlineData("displayName", null, "members", false)]
    [InlineData("members.value", null, "members", true)]
    [InlineData("MEMBERS[value eq \"x\"]", null, "members", true)]
    [InlineData(null, "members", "members", false)]
    [InlineData(null, "members.display", "members", true)]
    [InlineData(null, "displayName", "members", true)]
    [InlineData("displayName", null, "id", true)]
    [InlineData(null, "id", "id", true)]
    [InlineData("displayName", null, "Members", false)]
    public void Includes_TellsStoresWhetherToLoadGroupMembers(string? attributes, string? excluded, string name, bool expected)
    {
        Assert.Equal(expected, AttributeSelection.Parse(attributes, excluded, Group).Includes(name));
    }

    [Theory]
    [InlineData(null, null, "groups", true)]
    [InlineData(null, null, "password", false)]
    [InlineData("password", null, "password", false)]
    [InlineData("userName", null, "groups", false)]
    [InlineData("groups.display", null, "groups", true)]
    [InlineData(null, "GROUPS", "groups", false)]
    [InlineData("employeeNumber", null, ScimSchemaIds.EnterpriseUser, true)]
    [InlineData("userName", null, ScimSchemaIds.EnterpriseUser, false)]
    [InlineData(null, ScimSchemaIds.EnterpriseUser, ScimSchemaIds.EnterpriseUser, false)]
    [InlineData(null, "employeeNumber", ScimSchemaIds.EnterpriseUser, true)]
    public void Includes_AnswersForUserAttributesAndExtensions(string? attributes, string? excluded, string name, bool expected)
    {
        Assert.Equal(expected, AttributeSelection.Parse(attributes, excluded, User).Includes(name));
    }

    [Theory]
    [InlineData("members")]
    [InlineData("groups")]
    [InlineData("anything")]
    public void Includes_DefaultInstance_IncludesEverything(string name)
    {
        Assert.True(AttributeSelection.Default.Includes(name));
    }
}
