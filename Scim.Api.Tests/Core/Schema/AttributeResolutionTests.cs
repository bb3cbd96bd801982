using Scim.Api.Core.Paths;
using Scim.Api.Core.Schema;

namespace Scim.Api.Tests.Core.Schema;

public class AttributeResolutionTests
{
    private const string Enterprise = ScimSchemaIds.EnterpriseUser;
    private const string Acme = "urn:ietf:params:scim:schemas:extension:acme:2.0:User";

    private static readonly ResourceTypeDefinition User = BuiltInSchemas.UserResourceType;

    // The AttributePath as a parser produces it: a URN prefix is cut at its last ':' before the name.
    [Theory]
    [InlineData(null, "USERNAME", null, "userName")]
    [InlineData(null, "userName", null, "userName")]
    [InlineData(null, "Emails", "Value", "emails.value")]
    [InlineData(null, "NAME", "GIVENNAME", "name.givenName")]
    [InlineData(null, "ID", null, "id")]
    [InlineData(null, "externalid", null, "externalId")]
    [InlineData(null, "meta", "LASTMODIFIED", "meta.lastModified")]
    [InlineData(null, "groups", "$REF", "groups.$ref")]
    [InlineData(ScimSchemaIds.User, "userName", null, "userName")]
    [InlineData("URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER", "name", "familyName", "name.familyName")]
    [InlineData(ScimSchemaIds.User, "id", null, "id")]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0", "User", "userName", "userName")]
    [InlineData(Enterprise, "manager", null, Enterprise + ":manager")]
    [InlineData(Enterprise, "MANAGER", "VALUE", Enterprise + ":manager.value")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:user", "employeeNumber", null, Enterprise + ":employeeNumber")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0", "User", "manager", Enterprise + ":manager")]
    [InlineData(null, "employeeNumber", null, Enterprise + ":employeeNumber")]
    [InlineData(null, "Manager", "DisplayName", Enterprise + ":manager.displayName")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0", "User", null, Enterprise)]
    public void Resolve_FindsTheCanonicalAttributeIgnoringCase(string? urn, string name, string? sub, string canonical)
    {
        var resolved = User.Resolve(new AttributePath(urn, name, sub));

        Assert.NotNull(resolved);
        Assert.Equal(canonical, resolved.CanonicalText);
        if (!resolved.IsExtensionRoot)
        {
            Assert.NotNull(resolved.Target);
        }
    }

    [Theory]
    [InlineData(null, "userNam", null)]
    [InlineData(null, "name", "nickName")]
    [InlineData(ScimSchemaIds.User, "employeeNumber", null)]
    [InlineData(Enterprise, "userName", null)]
    [InlineData(Enterprise, "manager", "email")]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0", "User", null)]
    [InlineData("urn", "", null)]
    public void Resolve_UnknownAttribute_IsNull(string? urn, string name, string? sub)
    {
        Assert.Null(User.Resolve(new AttributePath(urn, name, sub)));
    }

    [Fact]
    public void Resolve_WholeDeclaredExtension_IsTheExtensionRoot()
    {
        var resolved = User.Resolve(new AttributePath("urn:ietf:params:scim:schemas:extension:enterprise:2.0", "User", null));

        Assert.NotNull(resolved);
        Assert.True(resolved.IsExtensionRoot);
        Assert.Same(BuiltInSchemas.EnterpriseUser, resolved.Schema);
    }

    [Fact]
    public void Resolve_WholeUndeclaredExtension_IsAnUndeclaredRoot()
    {
        var resolved = User.Resolve(new AttributePath("urn:ietf:params:scim:schemas:extension:acme:2.0", "User", null));

        Assert.NotNull(resolved);
        Assert.Equal((true, Acme, null), (resolved.IsExtensionRoot, resolved.ExtensionUrn, resolved.Schema));
    }

    [Theory]
    [InlineData(Acme, "costCenter", null, "costCenter", null)]
    [InlineData(Acme, "badge", "number", "badge", "number")]
    [InlineData("urn:ietf:params:scim:schemas:extension:acme:2.0", "User", "costCenter", "costCenter", null)]
    public void Resolve_UndeclaredExtensionAttribute_KeepsTheNamesAsWritten(
        string urn, string name, string? sub, string expectedName, string? expectedSub)
    {
        var resolved = User.Resolve(new AttributePath(urn, name, sub));

        Assert.NotNull(resolved);
        Assert.Equal((Acme, expectedName, expectedSub), (resolved.ExtensionUrn, resolved.Name, resolved.SubAttributeName));
        Assert.Null(resolved.Definition);
    }

    [Fact]
    public void Resolve_EnterpriseAttributeOnGroup_IsAnUndeclaredExtensionAttribute()
    {
        var resolved = BuiltInSchemas.GroupResourceType.Resolve(new AttributePath(Enterprise, "manager", null));

        Assert.NotNull(resolved);
        Assert.Equal((Enterprise, "manager"), (resolved.ExtensionUrn, resolved.Name));
        Assert.Null(resolved.Definition);
    }

    // The same resolution from the text clients write, through the shared path parser.
    [Theory]
    [InlineData("USERNAME", "userName")]
    [InlineData("Emails.Value", "emails.value")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", Enterprise + ":manager")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.manager", Enterprise + ":manager")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value", Enterprise + ":manager.value")]
    [InlineData("employeeNumber", Enterprise + ":employeeNumber")]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User:name.givenName", "name.givenName")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", Enterprise)]
    [InlineData("urn:ietf:params:scim:schemas:extension:acme:2.0:User:costCenter", Acme + ":costCenter")]
    [InlineData("urn:ietf:params:scim:schemas:extension:acme:2.0:User.costCenter", Acme + ":costCenter")]
    public void Resolve_ParsedClientText_FindsTheCanonicalAttribute(string text, string canonical)
    {
        var resolved = User.Resolve(ScimPathParser.ParseAttributePath(text));

        Assert.NotNull(resolved);
        Assert.Equal(canonical, resolved.CanonicalText);
    }
}
