using System.Text.Json.Nodes;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Patch;
using Scim.Api.Core.Schema;
using Scim.Api.Tests.Support;
using static Scim.Api.Tests.Core.Patch.PatchTestKit;

namespace Scim.Api.Tests.Core.Patch;

// RFC 7644 §3.5.2 rules that hold for every operation: primary values, mutability, paths, values, atomicity.
public class PatchRulesTests
{
    [Fact]
    public void Add_ValueWithPrimaryTrue_SetsPrimaryFalseOnTheOtherValues()
    {
        var result = Apply(User(), """{"op":"add","path":"emails","value":[{"value":"new@example.com","type":"other","primary":true}]}""");

        Assert.False((bool?)result["emails"]![0]!["primary"]);
        Assert.True((bool?)result["emails"]![2]!["primary"]);
    }

    [Fact]
    public void Replace_PrimarySubAttributeThroughFilter_SetsPrimaryFalseOnTheOtherValues()
    {
        var result = Apply(User(), """{"op":"replace","path":"emails[type eq \"home\"].primary","value":true}""");

        Assert.False((bool?)result["emails"]![0]!["primary"]);
        Assert.True((bool?)result["emails"]![1]!["primary"]);
    }

    [Fact]
    public void Replace_MatchedValueWithPrimaryTrue_SetsPrimaryFalseOnTheOthers()
    {
        var result = Apply(User(), """{"op":"replace","path":"addresses[type eq \"home\"]","value":{"type":"home","locality":"Burbank","primary":true}}""");

        Assert.False((bool?)result["addresses"]![0]!["primary"]);
        Assert.True((bool?)result["addresses"]![1]!["primary"]);
    }

    [Fact]
    public void Replace_WithTwoPrimaryValues_IsInvalidValue()
    {
        var error = ApplyFails(User(), """{"op":"replace","path":"emails","value":[{"value":"a@example.com","primary":true},{"value":"b@example.com","primary":true}]}""");

        AssertError(error, 400, ScimErrorType.InvalidValue);
    }

    [Theory]
    [InlineData("add", "id", "\"other\"")]
    [InlineData("replace", "id", "\"other\"")]
    [InlineData("remove", "id", "null")]
    [InlineData("replace", "meta", """{"resourceType":"Group"}""")]
    [InlineData("replace", "meta.created", "\"2020-01-01T00:00:00Z\"")]
    [InlineData("remove", "meta.version", "null")]
    [InlineData("add", "groups", """[{"value":"g1"}]""")]
    [InlineData("remove", "groups", "null")]
    [InlineData("replace", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.displayName", "\"Boss\"")]
    public void Operation_OnReadOnlyAttribute_IsMutability(string op, string path, string value)
    {
        var operation = op == "remove"
            ? $$"""{"op":"remove","path":"{{path}}"}"""
            : $$"""{"op":"{{op}}","path":"{{path}}","value":{{value}}}""";

        AssertError(ApplyFails(User(), operation), 400, ScimErrorType.Mutability);
    }

    [Fact]
    public void PathlessReplace_WithChangedReadOnlyAttribute_IsMutability() =>
        AssertError(ApplyFails(User(), """{"op":"replace","value":{"id":"another-id"}}"""), 400, ScimErrorType.Mutability);

    [Fact]
    public void PathlessReplace_EchoingUnchangedReadOnlyAttributes_IsAccepted()
    {
        var user = User();

        var result = Apply(user, $$$"""{"op":"replace","value":{"id":"{{{(string?)user["id"]}}}","displayName":"B"}}""");

        Assert.Equal("B", (string?)result["displayName"]);
    }

    [Fact]
    public void Apply_KeepsTheReadOnlyAttributesOfTheResource()
    {
        var user = User();

        var result = Apply(user, """{"op":"replace","path":"displayName","value":"B"}""");

        AssertJson(user["id"]!.ToJsonString(), result["id"]);
        AssertJson(user["meta"]!.ToJsonString(), result["meta"]);
    }

    [Fact]
    public void Apply_KeepsTheManagersDisplayNameWhileTheManagerIsTheSame()
    {
        var user = User();
        EnterpriseOf(user)["manager"]!["displayName"] = "John Smith";

        var unrelated = Apply(user, """{"op":"replace","path":"displayName","value":"B"}""");
        var newManager = Apply(user, $$"""{"op":"replace","path":"{{Enterprise}}:manager","value":"someone-else"}""");

        Assert.Equal("John Smith", (string?)EnterpriseOf(unrelated)["manager"]!["displayName"]);
        AssertJson("""{"value":"someone-else"}""", EnterpriseOf(newManager)["manager"]);
    }

    [Fact]
    public void Apply_KeepsTheGroupsOfAUserLoadedWithThem()
    {
        var user = User();
        user["groups"] = JsonNode.Parse("""[{"value":"g1","display":"Ops","type":"direct"}]""");

        var result = Apply(user, """{"op":"replace","path":"displayName","value":"B"}""");

        AssertJson("""[{"value":"g1","display":"Ops","type":"direct"}]""", result["groups"]);
    }

    [Fact]
    public void Replace_ImmutableAttributeWithADifferentValue_IsMutability()
    {
        var device = Json("""{"serialNumber":"SN-1","label":"Lobby"}""");

        var error = Assert.Throws<ScimException>(() => ApplyBody(device, Body("""{"op":"replace","path":"serialNumber","value":"SN-2"}"""), DeviceType));

        AssertError(error, 400, ScimErrorType.Mutability);
    }

    [Fact]
    public void Remove_ImmutableAttributeWithAValue_IsMutability()
    {
        var device = Json("""{"serialNumber":"SN-1","label":"Lobby"}""");

        var error = Assert.Throws<ScimException>(() => ApplyBody(device, Body("""{"op":"remove","path":"serialNumber"}"""), DeviceType));

        AssertError(error, 400, ScimErrorType.Mutability);
    }

    // RFC 7644 §3.5.2: a client MAY add a value to an immutable attribute that had none.
    [Fact]
    public void Add_ImmutableAttributeWithoutPreviousValue_IsAccepted()
    {
        var result = ApplyBody(Json("""{"label":"Lobby"}"""), Body("""{"op":"add","path":"serialNumber","value":"SN-1"}"""), DeviceType);

        Assert.Equal("SN-1", (string?)result["serialNumber"]);
    }

    [Fact]
    public void Replace_ImmutableAttributeWithTheSameValue_IsAccepted()
    {
        var result = ApplyBody(Json("""{"serialNumber":"SN-1"}"""), Body("""{"op":"replace","path":"serialNumber","value":"SN-1"}"""), DeviceType);

        Assert.Equal("SN-1", (string?)result["serialNumber"]);
    }

    [Theory]
    [InlineData("add", "nickname2")]
    [InlineData("replace", "name.surname")]
    [InlineData("remove", "bogus")]
    [InlineData("replace", "urn:ietf:params:scim:schemas:core:2.0:User:bogus")]
    [InlineData("replace", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:bogus")]
    [InlineData("replace", "userName.value")]
    [InlineData("replace", "userName[value eq \\\"x\\\"]")]
    [InlineData("remove", "emails[type eq \\\"work\\\"].bogus")]
    public void Operation_OnUnknownAttributePath_IsInvalidPath(string op, string path)
    {
        var operation = op == "remove"
            ? $$"""{"op":"remove","path":"{{path}}"}"""
            : $$"""{"op":"{{op}}","path":"{{path}}","value":"x"}""";

        AssertError(ApplyFails(User(), operation), 400, ScimErrorType.InvalidPath);
    }

    [Fact]
    public void PathlessAdd_WithUnknownAttribute_IsInvalidValue() =>
        AssertError(ApplyFails(User(), """{"op":"add","value":{"favouriteColour":"red"}}"""), 400, ScimErrorType.InvalidValue);

    [Theory]
    [InlineData("active", "42")]
    [InlineData("active", "\"maybe\"")]
    [InlineData("name", "\"Barbara Jensen\"")]
    [InlineData("displayName", """{"text":"Babs"}""")]
    [InlineData("displayName", """["Babs"]""")]
    [InlineData("emails", """[["a@example.com"]]""")]
    [InlineData("emails", "\"a@example.com\"")]
    [InlineData("emails[type eq \\\"work\\\"].primary", "\"sometimes\"")]
    [InlineData("x509Certificates", """[{"value":"not base64!"}]""")]
    public void Replace_WithValueOfTheWrongType_IsInvalidValue(string path, string value) =>
        AssertError(ApplyFails(User(), $$"""{"op":"replace","path":"{{path}}","value":{{value}}}"""), 400, ScimErrorType.InvalidValue);

    [Theory]
    [InlineData("""{"op":"add","value":"Babs"}""")]
    [InlineData("""{"op":"replace","value":["Babs"]}""")]
    [InlineData("""{"op":"replace","value":null}""")]
    [InlineData("""{"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User","value":"x"}""")]
    public void PathlessOrExtensionValue_ThatIsNotAnObject_IsInvalidValue(string operation) =>
        AssertError(ApplyFails(User(), operation), 400, ScimErrorType.InvalidValue);

    [Fact]
    public void Apply_WhenTheThirdOperationFails_LeavesTheResourceAsItWasAndNamesTheOperation()
    {
        var user = User();
        var before = user.DeepClone();

        var error = Assert.Throws<ScimException>(() => Apply(
            user,
            """{"op":"replace","path":"displayName","value":"Changed"}""",
            """{"op":"remove","path":"emails"}""",
            """{"op":"replace","path":"active","value":"not a boolean"}"""));

        Assert.True(JsonNode.DeepEquals(before, user));
        Assert.StartsWith("Operation 3 (replace 'active')", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_OperationsSeeTheResultOfTheOnesBefore()
    {
        var result = Apply(
            MinimalUser(),
            """{"op":"add","path":"emails","value":[{"value":"a@example.com","type":"work"}]}""",
            """{"op":"replace","path":"emails[type eq \"work\"].value","value":"b@example.com"}""",
            """{"op":"remove","path":"emails[value eq \"b@example.com\"]"}""");

        Assert.False(result.ContainsKey("emails"));
    }

    [Fact]
    public void Apply_SameRequestTwice_GivesTheSameResult()
    {
        var request = PatchRequest.Parse(JsonNode.Parse(Body(
            """{"op":"add","path":"emails","value":[{"value":"a@example.com","type":"other"}]}""",
            """{"op":"replace","path":"name","value":{"givenName":"B"}}""")));

        var first = PatchEngine.Apply(User(), request, UserType);
        var second = PatchEngine.Apply(User(), request, UserType);

        Assert.True(JsonNode.DeepEquals(first, second));
    }

    [Fact]
    public void Apply_EmptyOperations_ReturnsTheResourceUnchanged()
    {
        var user = User();

        var result = Apply(user);

        AssertJson(user.ToJsonString(), result);
    }

    [Fact]
    public void Apply_DocumentWithoutIdOrMeta_IsPatchedAsIs()
    {
        var stored = Json("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Ops"}""");

        var result = ApplyBody(stored, Body("""{"op":"replace","path":"displayName","value":"Operations"}"""), GroupType);

        AssertJson("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Operations"}""", result);
    }

    private static readonly ResourceTypeDefinition DeviceType = TestResourceTypes.FilterDevice;
}
