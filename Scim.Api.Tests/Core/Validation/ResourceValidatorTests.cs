using System.Text.Json.Nodes;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Validation;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Core.Validation;

public class ResourceValidatorTests
{
    private static readonly ResourceTypeDefinition User = BuiltInSchemas.UserResourceType;
    private static readonly ResourceTypeDefinition Group = BuiltInSchemas.GroupResourceType;
    private static readonly ResourceTypeDefinition Device = TestResourceTypes.Device;

    private static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();

    private static ScimException RejectedForWrite(string document, ResourceTypeDefinition type) =>
        Assert.Throws<ScimException>(() => ResourceValidator.ValidateForWrite(Json(document), type));

    private static ScimException RejectedChange(string existing, string updated, ResourceTypeDefinition type) =>
        Assert.Throws<ScimException>(() => ResourceValidator.CheckImmutable(Json(existing), Json(updated), type));

    [Theory]
    [InlineData("""{ "displayName": "no user name" }""")]
    [InlineData("""{ "userName": "" }""")]
    [InlineData("""{ "userName": "   " }""")]
    [InlineData("""{ "userName": null }""")]
    public void ValidateForWrite_UserWithoutUserName_IsInvalidValue(string document)
    {
        var error = RejectedForWrite(document, User);

        Assert.Equal(
            (400, ScimErrorType.InvalidValue, "Attribute 'userName' is required and must have a value."),
            (error.Status, error.ScimType, error.Detail));
    }

    [Fact]
    public void ValidateForWrite_GroupWithoutDisplayName_IsInvalidValue()
    {
        var error = RejectedForWrite("""{ "members": [ { "value": "u1" } ] }""", Group);

        Assert.Equal("Attribute 'displayName' is required and must have a value.", error.Detail);
    }

    [Theory]
    [InlineData("""{ "userName": "u" }""")]
    [InlineData("""{ "userName": "u", "emails": [ { "value": "a", "primary": true }, { "value": "b", "primary": false }, { "value": "c" } ] }""")]
    [InlineData("""{ "userName": "u", "emails": [ { "value": "a", "type": "custom-type-an-idp-invented" } ] }""")]
    [InlineData("""{ "userName": "u", "phoneNumbers": [ { "value": "1", "primary": true } ], "emails": [ { "value": "a", "primary": true } ] }""")]
    public void ValidateForWrite_ValidUser_Passes(string document)
    {
        var exception = Record.Exception(() => ResourceValidator.ValidateForWrite(Json(document), User));

        Assert.Null(exception);
    }

    [Theory]
    [InlineData("emails")]
    [InlineData("phoneNumbers")]
    [InlineData("ims")]
    [InlineData("photos")]
    [InlineData("addresses")]
    [InlineData("entitlements")]
    [InlineData("roles")]
    [InlineData("x509Certificates")]
    public void ValidateForWrite_TwoPrimaryValues_IsInvalidValue(string attribute)
    {
        var error = RejectedForWrite(
            $$"""{ "userName": "u", "{{attribute}}": [ { "value": "a", "primary": true }, { "value": "b", "primary": true } ] }""", User);

        Assert.Equal(
            (ScimErrorType.InvalidValue, $"Attribute '{attribute}' has 2 values with \"primary\": true; at most one value may be primary (RFC 7643 §2.4)."),
            (error.ScimType, error.Detail));
    }

    [Fact]
    public void ValidateForWrite_TwoPrimaryValuesInACustomSchema_IsInvalidValue()
    {
        var error = RejectedForWrite(
            """{ "serialNumber": "s", "ports": [ { "value": "a", "primary": true }, { "value": "b", "primary": true }, { "value": "c", "primary": true } ] }""",
            Device);

        Assert.StartsWith("Attribute 'ports' has 3 values", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateForWrite_RequiredSubAttributeMissing_IsInvalidValue()
    {
        var error = RejectedForWrite("""{ "serialNumber": "s", "owner": { "badge": "b" } }""", Device);

        Assert.Equal("Attribute 'owner.value' is required and must have a value.", error.Detail);
    }

    [Fact]
    public void ValidateForWrite_RequiredAttributeOfAPresentExtensionMissing_IsInvalidValue()
    {
        var error = RejectedForWrite(
            $$"""{ "serialNumber": "s", "{{TestResourceTypes.WarrantyUrn}}": { "years": 3 } }""", Device);

        Assert.Equal($"Attribute '{TestResourceTypes.WarrantyUrn}:provider' is required and must have a value.", error.Detail);
    }

    [Fact]
    public void ValidateForWrite_OptionalExtensionAbsent_Passes()
    {
        var exception = Record.Exception(() => ResourceValidator.ValidateForWrite(Json("""{ "serialNumber": "s" }"""), Device));

        Assert.Null(exception);
    }

    [Fact]
    public void ValidateForWrite_RequiredExtensionAbsent_IsInvalidValue()
    {
        var error = RejectedForWrite("""{ "serialNumber": "s" }""", TestResourceTypes.DeviceWithRequiredWarranty);

        Assert.Equal(
            $"The extension '{TestResourceTypes.WarrantyUrn}' is required for resource type 'Device' (RFC 7643 §6).",
            error.Detail);
    }

    [Fact]
    public void CheckImmutable_ImmutableAttributeSetForTheFirstTime_Passes()
    {
        var exception = Record.Exception(() => ResourceValidator.CheckImmutable(
            Json("""{ "serialNumber": "s" }"""), Json("""{ "serialNumber": "s", "platform": "linux" }"""), Device));

        Assert.Null(exception);
    }

    [Theory]
    [InlineData("""{ "platform": "linux" }""", """{ "platform": "linux" }""")]
    [InlineData("""{ "platform": "linux" }""", """{ "platform": "LINUX" }""")]
    [InlineData("""{ "enrolled": "2008-01-23T04:56:22Z" }""", """{ "enrolled": "2008-01-23T04:56:22Z", "slots": 3 }""")]
    [InlineData("""{ "owner": { "value": "a", "badge": "b1" } }""", """{ "owner": { "value": "other", "badge": "b1" } }""")]
    [InlineData("""{ "owner": { "value": "a" } }""", """{ "owner": { "value": "a", "badge": "new" } }""")]
    [InlineData("""{ "platform": "" }""", """{ "platform": "windows" }""")]
    public void CheckImmutable_UnchangedOrNewlySetImmutableValues_Pass(string existing, string updated)
    {
        var exception = Record.Exception(() => ResourceValidator.CheckImmutable(Json(existing), Json(updated), Device));

        Assert.Null(exception);
    }

    [Theory]
    [InlineData("""{ "platform": "linux" }""", """{ "platform": "windows" }""", "Attribute 'platform' is immutable: it has a value and cannot be changed.")]
    [InlineData("""{ "platform": "linux" }""", """{ "slots": 2 }""", "Attribute 'platform' is immutable: it has a value and cannot be removed.")]
    [InlineData("""{ "platform": "linux" }""", """{ "platform": null }""", "Attribute 'platform' is immutable: it has a value and cannot be removed.")]
    [InlineData("""{ "enrolled": "2008-01-23T04:56:22Z" }""", """{ "enrolled": "2009-01-23T04:56:22Z" }""", "Attribute 'enrolled' is immutable: it has a value and cannot be changed.")]
    [InlineData("""{ "owner": { "value": "a", "badge": "b1" } }""", """{ "owner": { "value": "a", "badge": "b2" } }""", "Attribute 'owner.badge' is immutable: it has a value and cannot be changed.")]
    [InlineData("""{ "owner": { "value": "a", "badge": "b1" } }""", """{ "owner": { "value": "a" } }""", "Attribute 'owner.badge' is immutable: it has a value and cannot be removed.")]
    [InlineData("""{ "owner": { "value": "a", "badge": "b1" } }""", """{ }""", "Attribute 'owner.badge' is immutable: it has a value and cannot be removed.")]
    public void CheckImmutable_ChangedImmutableValue_IsMutabilityError(string existing, string updated, string detail)
    {
        var error = RejectedChange(existing, updated, Device);

        Assert.Equal((400, ScimErrorType.Mutability, detail), (error.Status, error.ScimType, error.Detail));
    }

    [Fact]
    public void CheckImmutable_ImmutableInAnExtension_IsChecked()
    {
        var immutableYears = TestResourceTypes.WarrantySchema with
        {
            Attributes = [.. TestResourceTypes.WarrantySchema.Attributes.Select(a => a.Name == "years" ? a with { Mutability = Mutability.Immutable } : a)],
        };
        var type = Device with { Extensions = [new SchemaExtension(immutableYears, false)] };
        var urn = TestResourceTypes.WarrantyUrn;

        var error = RejectedChange($$"""{ "{{urn}}": { "years": 3 } }""", $$"""{ "{{urn}}": { "years": 4 } }""", type);

        Assert.Equal($"Attribute '{urn}:years' is immutable: it has a value and cannot be changed.", error.Detail);
    }

    [Fact]
    public void CheckImmutable_GroupMembersChanged_Passes()
    {
        var exception = Record.Exception(() => ResourceValidator.CheckImmutable(
            Json("""{ "displayName": "G", "members": [ { "value": "a", "type": "User" } ] }"""),
            Json("""{ "displayName": "G2", "members": [ { "value": "b", "type": "Group" } ] }"""),
            Group));

        Assert.Null(exception);
    }

    [Fact]
    public void CheckImmutable_ReadOnlyChanges_AreLeftToTheCaller()
    {
        var exception = Record.Exception(() => ResourceValidator.CheckImmutable(
            Json("""{ "id": "1", "userName": "u", "meta": { "version": "W/\"1\"" }, "groups": [ { "value": "g" } ] }"""),
            Json("""{ "id": "2", "userName": "v" }"""),
            User));

        Assert.Null(exception);
    }
}
