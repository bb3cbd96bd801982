using System.Text.Json.Nodes;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Schema;

namespace Scim.Api.Tests.Core.Schema;

public class ComputedReferencesTests
{
    private static AttributeDefinition Manager => BuiltInSchemas.EnterpriseUser.FindAttribute("manager")!;

    private static AttributeDefinition Members => BuiltInSchemas.Group.FindAttribute("members")!;

    [Fact]
    public void TargetTypeOf_TheManager_IsUser_AndMembersHaveNoSingleTarget()
    {
        Assert.Equal("User", ComputedReferences.TargetTypeOf(Manager));
        Assert.Null(ComputedReferences.TargetTypeOf(Members));
        Assert.True(ComputedReferences.IsComputed(BuiltInSchemas.GroupResourceType, Members));
        Assert.True(ComputedReferences.IsComputed(BuiltInSchemas.UserResourceType, BuiltInSchemas.User.FindAttribute("groups")!));
        Assert.False(ComputedReferences.IsComputed(BuiltInSchemas.UserResourceType, BuiltInSchemas.User.FindAttribute("emails")!));
        Assert.True(ComputedReferences.IsComputed(BuiltInSchemas.UserResourceType, Manager));
    }

    [Fact]
    public void TargetTypeOf_AnExternalOrUriReference_IsNull()
    {
        var photo = new AttributeDefinition
        {
            Name = "badge", Type = AttributeType.Complex,
            SubAttributes =
            [
                new AttributeDefinition { Name = "value", Type = AttributeType.String },
                new AttributeDefinition { Name = "$ref", Type = AttributeType.Reference, ReferenceTypes = ["external"] },
            ],
        };

        Assert.Null(ComputedReferences.TargetTypeOf(photo));
    }

    [Theory]
    [InlineData("""{"value":"u1","$ref":"https://elsewhere/Users/u2"}""", """{"value":"u1"}""")]
    [InlineData("""{"$ref":"Users/u1"}""", """{"value":"u1"}""")]
    [InlineData("""{"$REF":"https://idp.example.com/scim/v2/Users/u1","display":"Babs"}""", """{"display":"Babs","value":"u1"}""")]
    [InlineData("""{"value":"","$ref":"Users/u1"}""", """{"value":"u1"}""")]
    [InlineData("""{"value":"u1","$ref":null}""", """{"value":"u1"}""")]
    [InlineData("""{"value":"u1"}""", """{"value":"u1"}""")]
    public void WithoutClientReference_KeepsTheValue_OrReadsItFromTheReference(string sent, string expected) =>
        Assert.Equal(expected, ComputedReferences.WithoutClientReference(JsonNode.Parse(sent)!, "members").ToJsonString());

    [Fact]
    public void WithoutClientReference_NeverChangesWhatTheClientSent()
    {
        var sent = JsonNode.Parse("""{"$ref":"Users/u1"}""")!;

        ComputedReferences.WithoutClientReference(sent, "members");

        Assert.Equal("""{"$ref":"Users/u1"}""", sent.ToJsonString());
    }

    [Theory]
    [InlineData("""{"$ref":"https://idp.example.com/"}""")]
    [InlineData("""{"$ref":42}""")]
    public void WithoutClientReference_AReferenceNamingNoResource_IsInvalidValue(string sent)
    {
        var error = Assert.Throws<ScimException>(() => ComputedReferences.WithoutClientReference(JsonNode.Parse(sent)!, "members"));

        Assert.Equal(ScimErrorType.InvalidValue, error.ScimType);
        Assert.Contains("members.$ref", error.Detail, StringComparison.Ordinal);
    }
}
