using Scim.Api.Core.Schema;

namespace Scim.Api.Tests.Core.Schema;

public class BuiltInSchemasTests
{
    private static SchemaDefinition SchemaNamed(string name) => name switch
    {
        "User" => BuiltInSchemas.User,
        "Group" => BuiltInSchemas.Group,
        "Enterprise" => BuiltInSchemas.EnterpriseUser,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static AttributeDefinition Attribute(string schema, string path)
    {
        var parts = path.Split('.');
        var attribute = SchemaNamed(schema).FindAttribute(parts[0]);
        Assert.NotNull(attribute);
        if (parts.Length == 1)
        {
            return attribute;
        }

        var sub = attribute.FindSubAttribute(parts[1]);
        Assert.NotNull(sub);
        return sub;
    }

    // RFC 7643 §8.7.1 and §8.7.2 (Group displayName required and unique by this service's choice).
    [Theory]
    [InlineData("User", "userName", "string", false, true, false, "readWrite", "default", "server")]
    [InlineData("User", "name", "complex", false, false, false, "readWrite", "default", "none")]
    [InlineData("User", "name.formatted", "string", false, false, false, "readWrite", "default", "none")]
    [InlineData("User", "name.familyName", "string", false, false, false, "readWrite", "default", "none")]
    [InlineData("User", "name.givenName", "string", false, false, false, "readWrite", "default", "none")]
    [InlineData("User", "name.middleName", "string", false, false, false, "readWrite", "default", "none")]
    [InlineData("User", "name.honorificPrefix", "string", false, false, false, "readWrite", "default", "none")]
    [InlineData("User", "name.honorificSuffix", "string", false, false, false, "readWrite", "default", "none")]
    [InlineData("User", "displayName", "string", false, false, false, "readWrite", "default", "none")]
    [InlineData("User", "nickName", "string", false, false, false, "readWrite", "default", "none")]
    [InlineData("User", "profileUrl", "reference", false, false, false, "readWrite", "default", "none")]
    [InlineData("User", "title", "string", false, false, false, "readWrite", "default", "none")]
    [InlineData("User", "userType", "string", false, false, false, "readWrite", "default", "none")]
    [InlineData("User", "preferredLanguage", "string", false, false, false, "readWrite", "default", "none")]
    [InlineData("User", "locale", "string", false, false, false, "readWrite", "default", "none")]
    [InlineData("User", "timezone", "string", false, false, false, "readWrite", "default", "none")]
    [InlineData("User", "active", "boolean", false, false, false, "readWrite", "default", "none")]
    [InlineData("User", "password", "string", false, false, false, "writeOnly", "never", "none")]
    [InlineData("User", "emails", "complex", true, false, false, "readWrite", "default", "none")]
    [InlineData("User", "emails.value", "string", false, false, false, "readWrite", "default", "none")]
    [InlineData("User", "emails.display", "string", false, false, false, "readWrite", "default", "none")]
    [InlineData("User", "emails.type", "string", false, false, false, "readWrite", "default", "none")]
    [InlineData("User", "emails.primary", "boolean", false, false, false, "readWrite", "default", "none")]
    [InlineData("User", "phoneNumbers", "complex", true, false, false, "readWrite", "default", "none")]
    [InlineData("User", "phoneNumbers.value", "string", false, false, false, "readWrite", "default", "none")]
    [InlineData("User", "phoneNumbers.primary", "boolean", false, false, false, "readWrite", "default", "none")]
    [InlineData("User", "ims", "complex", true, false, false, "readWrite", "default", "none")]
    [InlineData("User", "ims.type", "string", false, false, false, "readWrite", "default", "none")]
    [InlineData("User", "photos", "complex", true, false, false, "readWrite", "default", "none")]
    [InlineData("User", "photos.value", "reference", false, false, false, "readWrite", "default", "none")]
    [InlineData("User", "addresses", "complex", true, false, false, "readWrite", "default", "none")]
    [InlineData("User", "addresses.formatted", "string", false, false, false, "readWrite", "default", "none")]
    [InlineData("User", "addresses.streetAddress", "string", false, false, false, "readWrite", "default", "none")]
    [InlineData("User", "addresses.locality", "string", false, false, false, "readWrite", "default", "none")]
    [InlineData("User", "addresses.region", "string", false, false, false, "readWrite", "default", "none")]
    [InlineData("User", "addresses.postalCode", "string", false, false, false, "readWrite", "default", "none")]
    [InlineData("User", "addresses.country", "string", false, false, false, "readWrite", "default", "none")]
    [InlineData("User", "addresses.type", "string", false, false, false, "readWrite", "default", "none")]
    [InlineData("User", "addresses.primary", "boolean", false, false, false, "readWrite", "default", "none")]
    [InlineData("User", "groups", "complex", true, false, false, "readOnly", "default", "none")]
    [InlineData("User", "groups.value", "string", false, false, false, "readOnly", "default", "none")]
    [InlineData("User", "groups.$ref", "reference", false, false, false, "readOnly", "default", "none")]
    [InlineData("User", "groups.display", "string", false, false, false, "readOnly", "default", "none")]
    [InlineData("User", "groups.type", "string", false, false, false, "readOnly", "default", "none")]
    [InlineData("User", "entitlements", "complex", true, false, false, "readWrite", "default", "none")]
    [InlineData("User", "entitlements.value", "string", false, false, false, "readWrite", "default", "none")]
    [InlineData("User", "roles", "complex", true, false, false, "readWrite", "default", "none")]
    [InlineData("User", "roles.primary", "boolean", false, false, false, "readWrite", "default", "none")]
    [InlineData("User", "x509Certificates", "complex", true, false, false, "readWrite", "default", "none")]
    [InlineData("User", "x509Certificates.value", "binary", false, false, false, "readWrite", "default", "none")]
    [InlineData("Group", "displayName", "string", false, true, false, "readWrite", "default", "server")]
    [InlineData("Group", "members", "complex", true, false, false, "readWrite", "default", "none")]
    [InlineData("Group", "members.value", "string", false, false, false, "immutable", "default", "none")]
    [InlineData("Group", "members.$ref", "reference", false, false, false, "immutable", "default", "none")]
    [InlineData("Group", "members.display", "string", false, false, false, "readWrite", "default", "none")]
    [InlineData("Group", "members.type", "string", false, false, false, "immutable", "default", "none")]
    [InlineData("Enterprise", "employeeNumber", "string", false, false, false, "readWrite", "default", "none")]
    [InlineData("Enterprise", "costCenter", "string", false, false, false, "readWrite", "default", "none")]
    [InlineData("Enterprise", "organization", "string", false, false, false, "readWrite", "default", "none")]
    [InlineData("Enterprise", "division", "string", false, false, false, "readWrite", "default", "none")]
    [InlineData("Enterprise", "department", "string", false, false, false, "readWrite", "default", "none")]
    [InlineData("Enterprise", "manager", "complex", false, false, false, "readWrite", "default", "none")]
    [InlineData("Enterprise", "manager.value", "string", false, false, false, "readWrite", "default", "none")]
    [InlineData("Enterprise", "manager.$ref", "reference", false, false, false, "readWrite", "default", "none")]
    [InlineData("Enterprise", "manager.displayName", "string", false, false, false, "readOnly", "default", "none")]
    public void Attribute_HasTheCharacteristicsOfRfc7643(
        string schema, string path, string type, bool multiValued, bool required, bool caseExact,
        string mutability, string returned, string uniqueness)
    {
        var attribute = Attribute(schema, path);

        Assert.Equal(
            (type, multiValued, required, caseExact, mutability, returned, uniqueness),
            (SchemaJson.TypeName(attribute.Type), attribute.MultiValued, attribute.Required, attribute.CaseExact,
                SchemaJson.MutabilityName(attribute.Mutability), SchemaJson.ReturnedName(attribute.Returned),
                SchemaJson.UniquenessName(attribute.Uniqueness)));
    }

    [Theory]
    [InlineData("User", "userName,name,displayName,nickName,profileUrl,title,userType,preferredLanguage,locale,timezone,active,password,emails,phoneNumbers,ims,photos,addresses,groups,entitlements,roles,x509Certificates")]
    [InlineData("Group", "displayName,members")]
    [InlineData("Enterprise", "employeeNumber,costCenter,organization,division,department,manager")]
    public void Schema_DeclaresEveryAttributeOfRfc7643InOrder(string schema, string names)
    {
        Assert.Equal(names.Split(','), SchemaNamed(schema).Attributes.Select(a => a.Name));
    }

    [Theory]
    [InlineData("User", "name", "formatted,familyName,givenName,middleName,honorificPrefix,honorificSuffix")]
    [InlineData("User", "emails", "value,display,type,primary")]
    [InlineData("User", "phoneNumbers", "value,display,type,primary")]
    [InlineData("User", "ims", "value,display,type,primary")]
    [InlineData("User", "photos", "value,display,type,primary")]
    [InlineData("User", "addresses", "formatted,streetAddress,locality,region,postalCode,country,type,primary")]
    [InlineData("User", "groups", "value,$ref,display,type")]
    [InlineData("User", "entitlements", "value,display,type,primary")]
    [InlineData("User", "roles", "value,display,type,primary")]
    [InlineData("User", "x509Certificates", "value,display,type,primary")]
    [InlineData("Group", "members", "value,$ref,display,type")]
    [InlineData("Enterprise", "manager", "value,$ref,displayName")]
    public void ComplexAttribute_HasTheSubAttributesOfRfc7643(string schema, string attribute, string subAttributes)
    {
        Assert.Equal(subAttributes.Split(','), Attribute(schema, attribute).SubAttributes.Select(s => s.Name));
    }

    [Theory]
    [InlineData("User", "emails.type", "work,home,other")]
    [InlineData("User", "phoneNumbers.type", "work,home,mobile,fax,pager,other")]
    [InlineData("User", "ims.type", "aim,gtalk,icq,xmpp,msn,skype,qq,yahoo")]
    [InlineData("User", "photos.type", "photo,thumbnail")]
    [InlineData("User", "addresses.type", "work,home,other")]
    [InlineData("User", "groups.type", "direct,indirect")]
    [InlineData("Group", "members.type", "User,Group")]
    public void TypeSubAttribute_HasTheCanonicalValuesOfRfc7643(string schema, string path, string values)
    {
        Assert.Equal(values.Split(','), Attribute(schema, path).CanonicalValues);
    }

    [Theory]
    [InlineData("User", "profileUrl", "external")]
    [InlineData("User", "photos.value", "external")]
    [InlineData("User", "groups.$ref", "User,Group")]
    [InlineData("Group", "members.$ref", "User,Group")]
    [InlineData("Enterprise", "manager.$ref", "User")]
    public void ReferenceAttribute_HasTheReferenceTypesOfRfc7643(string schema, string path, string types)
    {
        Assert.Equal(types.Split(','), Attribute(schema, path).ReferenceTypes);
    }

    [Fact]
    public void EveryAttribute_HasADescription()
    {
        var all = new[] { BuiltInSchemas.User, BuiltInSchemas.Group, BuiltInSchemas.EnterpriseUser }
            .SelectMany(s => s.Attributes)
            .SelectMany(a => a.SubAttributes.Prepend(a));

        Assert.All(all, a => Assert.False(string.IsNullOrWhiteSpace(a.Description), a.Name));
    }

    [Fact]
    public void UserResourceType_HasTheOptionalEnterpriseExtension()
    {
        var type = BuiltInSchemas.UserResourceType;

        Assert.Equal(("User", "/Users", ScimSchemaIds.User), (type.Name, type.Endpoint, type.Schema.Id));
        var extension = Assert.Single(type.Extensions);
        Assert.Equal((ScimSchemaIds.EnterpriseUser, false), (extension.Schema.Id, extension.Required));
    }

    [Fact]
    public void GroupResourceType_HasNoExtension()
    {
        var type = BuiltInSchemas.GroupResourceType;

        Assert.Equal(("Group", "/Groups", ScimSchemaIds.Group), (type.Name, type.Endpoint, type.Schema.Id));
        Assert.Empty(type.Extensions);
    }
}
