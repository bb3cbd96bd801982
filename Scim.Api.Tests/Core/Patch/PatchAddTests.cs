using static Scim.Api.Tests.Core.Patch.PatchTestKit;

namespace Scim.Api.Tests.Core.Patch;

// RFC 7644 §3.5.2.1, one rule per test.
public class PatchAddTests
{
    [Fact]
    public void Add_WithoutPath_MergesTheGivenAttributesIntoTheResource()
    {
        var result = Apply(User(), """
            {"op":"add","value":{
              "nickName":"Babs",
              "emails":[{"value":"babs@example.net","type":"other"}],
              "name":{"middleName":"Jane"}}}
            """);

        Assert.Equal("Babs", (string?)result["nickName"]);
        Assert.Equal(3, result["emails"]!.AsArray().Count);
        AssertJson("""{"value":"babs@example.net","type":"other"}""", result["emails"]![2]);
        AssertJson(
            """{"formatted":"Ms. Barbara J Jensen III","familyName":"Jensen","givenName":"Barbara","middleName":"Jane"}""",
            result["name"]);
        Assert.Equal("Babs Jensen", (string?)result["displayName"]);
    }

    [Fact]
    public void Add_WithoutPath_DoesNotDuplicateAValueTheAttributeAlreadyHas()
    {
        var result = Apply(User(), """{"op":"add","value":{"emails":[{"value":"babs@jensen.org","type":"home"}]}}""");

        Assert.Equal(2, result["emails"]!.AsArray().Count);
    }

    [Fact]
    public void Add_WithPathToSingleValuedAttribute_ReplacesTheValue()
    {
        var result = Apply(User(), """{"op":"add","path":"displayName","value":"Barbara"}""");

        Assert.Equal("Barbara", (string?)result["displayName"]);
    }

    [Fact]
    public void Add_WithPathToComplexAttribute_MergesTheSubAttributes()
    {
        var result = Apply(User(), """{"op":"add","path":"name","value":{"givenName":"Barb","honorificPrefix":"Ms."}}""");

        AssertJson(
            """{"formatted":"Ms. Barbara J Jensen III","familyName":"Jensen","givenName":"Barb","honorificPrefix":"Ms."}""",
            result["name"]);
    }

    [Fact]
    public void Add_WithPathToMultiValuedAttribute_AppendsTheValues()
    {
        var result = Apply(User(), """{"op":"add","path":"phoneNumbers","value":[{"value":"555-555-4444","type":"mobile"}]}""");

        AssertJson(
            """[{"value":"555-555-5555","type":"work"},{"value":"555-555-4444","type":"mobile"}]""",
            result["phoneNumbers"]);
    }

    [Fact]
    public void Add_SingleValueToMultiValuedAttribute_IsAppendedAsOneValue()
    {
        var result = Apply(User(), """{"op":"add","path":"phoneNumbers","value":{"value":"555-555-4444","type":"mobile"}}""");

        Assert.Equal(2, result["phoneNumbers"]!.AsArray().Count);
    }

    [Fact]
    public void Add_ValueTheMultiValuedAttributeAlreadyHas_ChangesNothing()
    {
        var user = User();

        var result = Apply(user, """{"op":"add","path":"emails","value":[{"value":"bjensen@example.com","type":"work","primary":true}]}""");

        AssertJson(user["emails"]!.ToJsonString(), result["emails"]);
    }

    [Fact]
    public void Add_WithPathToSubAttribute_SetsIt()
    {
        var result = Apply(User(), """{"op":"add","path":"name.middleName","value":"Jane"}""");

        Assert.Equal("Jane", (string?)result["name"]!["middleName"]);
        Assert.Equal("Barbara", (string?)result["name"]!["givenName"]);
    }

    [Fact]
    public void Add_ToSubAttributeOfAbsentComplexAttribute_CreatesIt()
    {
        var result = Apply(MinimalUser(), """{"op":"add","path":"name.givenName","value":"Alice"}""");

        AssertJson("""{"givenName":"Alice"}""", result["name"]);
    }

    [Fact]
    public void Add_WithUrnPathToExtensionAttribute_SetsItInTheExtension()
    {
        var result = Apply(User(), $$"""{"op":"add","path":"{{Enterprise}}:costCenter","value":"4130"}""");

        Assert.Equal("4130", (string?)EnterpriseOf(result)["costCenter"]);
        Assert.Equal("701984", (string?)EnterpriseOf(result)["employeeNumber"]);
    }

    [Fact]
    public void Add_WithExtensionUrnAsPath_MergesTheExtensionAttributes()
    {
        var result = Apply(User(), $$$"""{"op":"add","path":"{{{Enterprise}}}","value":{"costCenter":"4130","division":"Theme Park"}}""");

        Assert.Equal("4130", (string?)EnterpriseOf(result)["costCenter"]);
        Assert.Equal("Theme Park", (string?)EnterpriseOf(result)["division"]);
        Assert.Equal("Tour Operations", (string?)EnterpriseOf(result)["department"]);
    }

    [Fact]
    public void Add_ToAttributeThatDoesNotExist_CreatesIt()
    {
        var result = Apply(MinimalUser(), """{"op":"add","path":"emails","value":[{"value":"alice@example.com","type":"work"}]}""");

        AssertJson("""[{"value":"alice@example.com","type":"work"}]""", result["emails"]);
    }

    [Fact]
    public void Add_ToExtensionTheResourceDoesNotHave_CreatesTheExtensionAndListsItsSchema()
    {
        var result = Apply(MinimalUser(), $$"""{"op":"add","path":"{{Enterprise}}:employeeNumber","value":"42"}""");

        AssertJson("""{"employeeNumber":"42"}""", result[Enterprise]);
        Assert.Contains(Enterprise, result["schemas"]!.AsArray().Select(s => (string?)s));
    }

    [Fact]
    public void Add_WithFilterAndSubAttribute_SetsTheSubAttributeOfMatchingValuesOnly()
    {
        var result = Apply(User(), """{"op":"add","path":"emails[type eq \"home\"].display","value":"Home mail"}""");

        Assert.Equal("Home mail", (string?)result["emails"]![1]!["display"]);
        Assert.Null(result["emails"]![0]!["display"]);
    }

    [Fact]
    public void Add_WithFilterWithoutSubAttribute_MergesIntoMatchingValues()
    {
        var result = Apply(User(), """{"op":"add","path":"addresses[type eq \"home\"]","value":{"postalCode":"90028"}}""");

        Assert.Equal("90028", (string?)result["addresses"]![1]!["postalCode"]);
        Assert.Equal("456 Hollywood Blvd", (string?)result["addresses"]![1]!["streetAddress"]);
        Assert.Equal("91608", (string?)result["addresses"]![0]!["postalCode"]);
    }

    [Fact]
    public void Add_ToUndeclaredExtensionAttribute_KeepsItVerbatim()
    {
        const string custom = "urn:ietf:params:scim:schemas:extension:contoso:2.0:User";

        var result = Apply(MinimalUser(), $$"""{"op":"add","path":"{{custom}}:badgeColor","value":"blue"}""");

        AssertJson("""{"badgeColor":"blue"}""", result[custom]);
    }

    [Fact]
    public void Add_NamesInAnyCase_AreStoredInSchemaCase()
    {
        var result = Apply(User(), """{"op":"add","path":"NAME.MIDDLENAME","value":"Jane"}""");

        Assert.Equal("Jane", (string?)result["name"]!["middleName"]);
    }
}
