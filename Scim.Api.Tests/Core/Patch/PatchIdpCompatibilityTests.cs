using System.Text.Json.Nodes;
using Scim.Api.Core.Errors;
using static Scim.Api.Tests.Core.Patch.PatchTestKit;

namespace Scim.Api.Tests.Core.Patch;

// Each IdP tolerance, tested with the body as the IdP sends it.
public class PatchIdpCompatibilityTests
{
    private const string ManagerId = "26118915-6090-4e7f-8b1c-8f7d3d5bd0ff";

    [Fact]
    public void Entra_OpInPascalCase_IsApplied()
    {
        var result = ApplyBody(User(), """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"displayName","value":"Barbara Jensen"},{"op":"Add","path":"nickName","value":"Babs"},{"op":"Remove","path":"title"}]}
            """);

        Assert.Equal("Barbara Jensen", (string?)result["displayName"]);
        Assert.Equal("Babs", (string?)result["nickName"]);
    }

    [Theory]
    [InlineData("False", false)]
    [InlineData("True", true)]
    [InlineData("false", false)]
    public void Entra_BooleanSentAsString_IsStoredAsBoolean(string text, bool expected)
    {
        var result = ApplyBody(User(), $$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"{{text}}"}]}
            """);

        Assert.Equal(expected, (bool?)result["active"]);
    }

    [Fact]
    public void Entra_BooleanStringInPathlessValue_IsStoredAsBoolean()
    {
        var result = ApplyBody(User(), """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","value":{"active":"False"}}]}
            """);

        Assert.False((bool?)result["active"]);
    }

    [Fact]
    public void Entra_RemoveMembersWithValueList_RemovesExactlyThoseMembers()
    {
        var result = ApplyBody(Group(), """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Remove","path":"members","value":[{"value":"902c246b-6245-4190-8e05-00816be7344a"}]}]}
            """);

        Assert.Equal(
            ["2819c223-7f76-453a-919d-413861904646", "c3a26dd3-27a0-4dec-a2ac-ce211e105f97"],
            result["members"]!.AsArray().Select(m => (string?)m!["value"]));
    }

    [Fact]
    public void Entra_RemoveMembersWithNullRef_RemovesThoseMembers()
    {
        // Entra's documented "Update Group [Remove Members]" request carries "$ref": null.
        var result = ApplyBody(Group(), """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"name":"removeMember","op":"remove","path":"members","value":[{"$ref":null,"value":"2819c223-7f76-453a-919d-413861904646"}]}]}
            """);

        Assert.Equal(2, result["members"]!.AsArray().Count);
        Assert.DoesNotContain("2819c223-7f76-453a-919d-413861904646", result["members"]!.AsArray().Select(m => (string?)m!["value"]));
    }

    [Fact]
    public void Entra_AddMembersWithNullRef_AddsThem()
    {
        var result = ApplyBody(Group(), """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"name":"addMember","op":"add","path":"members","value":[{"$ref":null,"value":"f648f8d5ea4e4cd38e9c"}]}]}
            """);

        AssertJson("""{"value":"f648f8d5ea4e4cd38e9c"}""", result["members"]![3]);
    }

    [Fact]
    public void Entra_PathlessReplaceWithDottedAndUrnKeys_SetsEachAttribute()
    {
        var result = ApplyBody(User(), $$$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"displayName":"Flat Key Replace","name.givenName":"First","name.formatted":"Replaced","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"99999","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager":"{{{ManagerId}}}-2"}}]}
            """);

        Assert.Equal("Flat Key Replace", (string?)result["displayName"]);
        AssertJson("""{"formatted":"Replaced","familyName":"Jensen","givenName":"First"}""", result["name"]);
        Assert.Equal("99999", (string?)EnterpriseOf(result)["employeeNumber"]);
        AssertJson($$"""{"value":"{{ManagerId}}-2"}""", EnterpriseOf(result)["manager"]);
        Assert.False(result.ContainsKey("name.givenName"));
        Assert.False(result.ContainsKey($"{Enterprise}:employeeNumber"));
    }

    [Fact]
    public void Entra_PathlessAddWithDottedAndUrnKeys_SetsEachAttribute()
    {
        var result = ApplyBody(MinimalUser(), """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","value":{"name.givenName":"Alice","name.familyName":"Smith","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"1","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager":"m-1"}}]}
            """);

        AssertJson("""{"givenName":"Alice","familyName":"Smith"}""", result["name"]);
        AssertJson("""{"employeeNumber":"1","manager":{"value":"m-1"}}""", result[Enterprise]);
    }

    [Fact]
    public void MicrosoftValidator_PathlessValueWithValuePathKeys_UpdatesTheMatchingValues()
    {
        var result = ApplyBody(User(), """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"emails[type eq \"work\"].value":"lilian.graham@millszboncak.ca","addresses[type eq \"work\"].locality":"KMYVNUJVVZWC"}}]}
            """);

        Assert.Equal("lilian.graham@millszboncak.ca", (string?)result["emails"]![0]!["value"]);
        Assert.Equal("KMYVNUJVVZWC", (string?)result["addresses"]![0]!["locality"]);
    }

    [Fact]
    public void MicrosoftValidator_ReplaceWorkValuesOnUserWithoutThem_CreatesEachValue()
    {
        var result = ApplyBody(MinimalUser(), """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"emails[type eq \"work\"].value","value":"lilian.graham@millszboncak.ca"},{"op":"replace","path":"phoneNumbers[type eq \"work\"].value","value":"07-272-0828"},{"op":"replace","path":"addresses[type eq \"work\"].streetAddress","value":"2809 Johns Walk"},{"op":"replace","path":"addresses[type eq \"work\"].locality","value":"KMYVNUJVVZWC"}]}
            """);

        AssertJson("""[{"type":"work","value":"lilian.graham@millszboncak.ca"}]""", result["emails"]);
        AssertJson("""[{"type":"work","value":"07-272-0828"}]""", result["phoneNumbers"]);
        AssertJson("""[{"type":"work","streetAddress":"2809 Johns Walk","locality":"KMYVNUJVVZWC"}]""", result["addresses"]);
    }

    [Fact]
    public void Entra_AddWorkEmailValueWhenNoneExists_CreatesTheWorkEmail()
    {
        var user = User();
        user["emails"] = new System.Text.Json.Nodes.JsonArray(System.Text.Json.Nodes.JsonNode.Parse("""{"value":"babs@jensen.org","type":"home"}"""));

        var result = ApplyBody(user, """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"emails[type eq \"work\"].value","value":"bjensen@contoso.com"}]}
            """);

        AssertJson("""[{"value":"babs@jensen.org","type":"home"},{"type":"work","value":"bjensen@contoso.com"}]""", result["emails"]);
    }

    [Fact]
    public void Entra_ReplaceWorkEmailValueWhenItExists_UpdatesItInPlace()
    {
        var result = ApplyBody(User(), """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"emails[type eq \"work\"].value","value":"updatedEmail@microsoft.com"},{"op":"Replace","path":"name.familyName","value":"updatedFamilyName"}]}
            """);

        AssertJson("""{"value":"updatedEmail@microsoft.com","type":"work","primary":true}""", result["emails"]![0]);
        Assert.Equal(2, result["emails"]!.AsArray().Count);
        Assert.Equal("updatedFamilyName", (string?)result["name"]!["familyName"]);
    }

    [Fact]
    public void Entra_ManagerAsBareId_IsStoredAsValueObject()
    {
        var result = ApplyBody(MinimalUser(), """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"26118915-6090-4e7f-8b1c-8f7d3d5bd0ff"}]}
            """);

        AssertJson($$$"""{"manager":{"value":"{{{ManagerId}}}"}}""", result[Enterprise]);
    }

    [Fact]
    public void Entra_ReplaceManagerAsBareId_ReplacesTheManager()
    {
        var result = ApplyBody(User(), """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"other-manager"}]}
            """);

        AssertJson("""{"value":"other-manager"}""", EnterpriseOf(result)["manager"]);
    }

    [Fact]
    public void MicrosoftValidator_AddManagerAsObject_SetsIt()
    {
        var result = ApplyBody(MinimalUser(), """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":{"value":"AXTKDLNRKMKT"}}]}
            """);

        AssertJson("""{"manager":{"value":"AXTKDLNRKMKT"}}""", result[Enterprise]);
    }

    [Fact]
    public void Entra_ManagerPathWithDotAfterSchemaName_IsTheEnterpriseManager()
    {
        var result = ApplyBody(MinimalUser(), """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.manager","value":"m-7"}]}
            """);

        AssertJson("""{"manager":{"value":"m-7"}}""", result[Enterprise]);
    }

    [Theory]
    [InlineData("manager[value eq \\\"26118915-6090-4e7f-8b1c-8f7d3d5bd0ff\\\"]")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager[value eq \\\"26118915-6090-4e7f-8b1c-8f7d3d5bd0ff\\\"]")]
    public void RemoveManagerWithValueFilter_RemovesTheManagerWhenItMatches(string path)
    {
        var result = ApplyBody(User(), $$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Remove","path":"{{path}}"}]}
            """);

        Assert.False(EnterpriseOf(result).ContainsKey("manager"));
        Assert.Equal("701984", (string?)EnterpriseOf(result)["employeeNumber"]);
    }

    [Fact]
    public void RemoveManagerWithValueFilter_KeepsADifferentManager()
    {
        var result = ApplyBody(User(), """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Remove","path":"manager[value eq \"someone-else\"]"}]}
            """);

        AssertJson($$"""{"value":"{{ManagerId}}"}""", EnterpriseOf(result)["manager"]);
    }

    [Fact]
    public void MicrosoftValidator_RemoveManager_RemovesIt()
    {
        var result = ApplyBody(User(), """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager"}]}
            """);

        Assert.False(EnterpriseOf(result).ContainsKey("manager"));
    }

    [Fact]
    public void RemoveManagerWithItsIdAsValue_RemovesItOnlyWhenItMatches()
    {
        var matching = ApplyBody(User(), $$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Remove","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"{{ManagerId}}"}]}
            """);
        var other = ApplyBody(User(), """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Remove","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"someone-else"}]}
            """);

        Assert.False(EnterpriseOf(matching).ContainsKey("manager"));
        Assert.True(EnterpriseOf(other).ContainsKey("manager"));
    }

    [Fact]
    public void MicrosoftValidator_MemberWithDisplayName_IsStoredWithDisplay()
    {
        var result = ApplyBody(Group(), """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"displayName":"new User","value":"7b1f32e2-5a4a-4c76-a3fe-5d4cb1a6b4f0"}]}]}
            """);

        AssertJson("""{"value":"7b1f32e2-5a4a-4c76-a3fe-5d4cb1a6b4f0","display":"new User"}""", result["members"]![3]);
    }

    [Theory]
    [InlineData("""["7b1f32e2-5a4a-4c76-a3fe-5d4cb1a6b4f0"]""")]
    [InlineData("\"7b1f32e2-5a4a-4c76-a3fe-5d4cb1a6b4f0\"")]
    public void MemberGivenAsBareId_IsStoredAsValueObject(string value)
    {
        var result = ApplyBody(Group(), $$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":{{value}}}]}
            """);

        AssertJson("""{"value":"7b1f32e2-5a4a-4c76-a3fe-5d4cb1a6b4f0"}""", result["members"]![3]);
    }

    [Fact]
    public void Okta_RemoveMemberWithValueFilter_RemovesThatMember()
    {
        var result = ApplyBody(Group(), """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members[value eq \"902c246b-6245-4190-8e05-00816be7344a\"]"}]}
            """);

        Assert.Equal(2, result["members"]!.AsArray().Count);
    }

    [Fact]
    public void Okta_RemoveMemberThatIsNotThere_ChangesNothing()
    {
        var group = Group();

        var result = ApplyBody(group, """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members[value eq \"00u1dhhb1fkIGP7RL1d8\"]"}]}
            """);

        AssertJson(group["members"]!.ToJsonString(), result["members"]);
    }

    [Fact]
    public void Okta_ReplaceGroupNameAndMembers_ReplacesBoth()
    {
        var result = ApplyBody(Group(), """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"id":"e9e30dba-f08f-4109-8486-d5c6a331660a","displayName":"Test SCIMv2"}},{"op":"replace","path":"members","value":[{"value":"00u1dhhb1fkIGP7RL1d8","display":"user@example.com"}]}]}
            """);

        Assert.Equal("Test SCIMv2", (string?)result["displayName"]);
        AssertJson("""[{"value":"00u1dhhb1fkIGP7RL1d8","display":"user@example.com"}]""", result["members"]);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("null")]
    public void Entra_ReplaceWithEmptyStringOrNull_ClearsTheAttribute(string value)
    {
        var result = ApplyBody(User(), $$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"displayName","value":{{value}}},{"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":{{value}}}]}
            """);

        Assert.False(result.ContainsKey("displayName"));
        Assert.False(EnterpriseOf(result).ContainsKey("department"));
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("null")]
    public void AddWithEmptyStringOrNull_ClearsTheAttribute(string value)
    {
        var result = ApplyBody(User(), $$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"name.givenName","value":{{value}}}]}
            """);

        AssertJson("""{"formatted":"Ms. Barbara J Jensen III","familyName":"Jensen"}""", result["name"]);
    }

    [Fact]
    public void PathlessReplaceWithEmptyStringAndNullKeys_ClearsThoseAttributes()
    {
        var result = ApplyBody(User(), """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","value":{"displayName":"","name.givenName":null,"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager":""}}]}
            """);

        Assert.False(result.ContainsKey("displayName"));
        Assert.False(result["name"]!.AsObject().ContainsKey("givenName"));
        Assert.False(EnterpriseOf(result).ContainsKey("manager"));
    }

    [Fact]
    public void ReplaceComplexValueWithNullSubAttribute_ClearsThatSubAttribute()
    {
        var result = ApplyBody(User(), """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"name","value":{"givenName":null,"familyName":"J"}}]}
            """);

        AssertJson("""{"formatted":"Ms. Barbara J Jensen III","familyName":"J"}""", result["name"]);
    }

    [Fact]
    public void ClearingARequiredAttribute_IsMutability()
    {
        var error = Assert.Throws<ScimException>(() => ApplyBody(User(), """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"userName","value":""}]}
            """));

        AssertError(error, 400, ScimErrorType.Mutability);
    }

    [Fact]
    public void EmptyOperationsArray_IsANoOp()
    {
        var user = User();

        var result = ApplyBody(user, """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[]}""");

        AssertJson(user.ToJsonString(), result);
    }

    private const string CustomExtension = "urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User";

    [Fact]
    public void Entra_CustomExtensionAttributeInUpperCamelCase_IsAnAttributeOfThatExtension()
    {
        var result = ApplyBody(MinimalUser(), """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:CustomAttributeName","value":"Blue"}]}
            """);

        AssertJson("""{"CustomAttributeName":"Blue"}""", result[CustomExtension]);
    }

    [Fact]
    public void Entra_CustomExtensionAttributeInPathlessValue_IsAnAttributeOfThatExtension()
    {
        var result = ApplyBody(MinimalUser(), """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","value":{"urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:CustomAttributeName":"Blue","urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:Level":"3"}}]}
            """);

        AssertJson("""{"CustomAttributeName":"Blue","Level":"3"}""", result[CustomExtension]);
    }

    [Fact]
    public void Entra_RemoveCustomExtensionAttribute_RemovesOnlyThatAttribute()
    {
        var user = MinimalUser();
        user[CustomExtension] = JsonNode.Parse("""{"CustomAttributeName":"Blue","Level":"3"}""");

        var result = ApplyBody(user, """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Remove","path":"urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:CustomAttributeName"}]}
            """);

        AssertJson("""{"Level":"3"}""", result[CustomExtension]);
    }

    [Fact]
    public void WholeUndeclaredExtensionAsObject_IsStoredAsTheExtension()
    {
        var result = ApplyBody(MinimalUser(), """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User","value":{"Level":"3"}}]}
            """);

        AssertJson("""{"Level":"3"}""", result[CustomExtension]);
    }

    [Fact]
    public void Entra_BatchRemovalFromALargeGroup_RemovesExactlyTheListedMembers()
    {
        var group = Group();
        var members = new JsonArray();
        for (var i = 0; i < 20_000; i++)
        {
            members.Add(new JsonObject { ["value"] = $"user-{i}" });
        }

        group["members"] = members;
        var removed = string.Join(",", Enumerable.Range(0, 500).Select(i => $$"""{"value":"user-{{i * 40}}"}"""));
        var added = string.Join(",", Enumerable.Range(0, 500).Select(i => $$"""{"value":"new-{{i}}"}"""));

        var result = ApplyBody(group, $$$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Remove","path":"members","value":[{{{removed}}}]},{"op":"Add","path":"members","value":[{{{added}}}]}]}
            """);

        var ids = result["members"]!.AsArray().Select(m => (string)m!["value"]!).ToHashSet();
        Assert.Equal(20_000, ids.Count);
        Assert.DoesNotContain("user-40", ids);
        Assert.Contains("user-41", ids);
        Assert.Contains("new-499", ids);
    }
}
