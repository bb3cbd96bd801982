using System.Text.Json.Nodes;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Validation;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Core.Validation;

public class ResourceNormalizerTests
{
    private const string Enterprise = ScimSchemaIds.EnterpriseUser;
    private const string Acme = "urn:ietf:params:scim:schemas:extension:acme:2.0:User";

    private static readonly ResourceTypeDefinition User = BuiltInSchemas.UserResourceType;
    private static readonly ResourceTypeDefinition Group = BuiltInSchemas.GroupResourceType;

    private static JsonObject Normalize(string body, ResourceTypeDefinition? type = null) =>
        ResourceNormalizer.Normalize(JsonNode.Parse(body), type ?? User);

    private static ScimException Rejected(string body, ResourceTypeDefinition? type = null) =>
        Assert.Throws<ScimException>(() => Normalize(body, type));

    [Fact]
    public void Normalize_EntraUserCreate_BecomesTheCanonicalDocument()
    {
        var document = Normalize($$"""
            {
              "schemas": ["{{ScimSchemaIds.User}}", "{{Enterprise}}"],
              "externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
              "userName": "Test_User_ab6490ee@contoso.com",
              "active": "True",
              "displayName": "Test User",
              "emails": [ { "primary": "True", "type": "work", "value": "Test_User_ab6490ee@contoso.com" } ],
              "meta": { "resourceType": "User" },
              "name": { "formatted": "givenName familyName", "familyName": "familyName", "givenName": "givenName" },
              "roles": [],
              "{{Enterprise}}": { "employeeNumber": "E123", "department": "Eng", "manager": "26118915-6090-4610-87a4-5e1f6c87b1ba" },
              "{{Acme}}": { "badgeColor": "blue", "floor": null }
            }
            """);

        JsonAssert.Equal($$"""
            {
              "schemas": ["{{ScimSchemaIds.User}}", "{{Enterprise}}", "{{Acme}}"],
              "externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
              "userName": "Test_User_ab6490ee@contoso.com",
              "active": true,
              "displayName": "Test User",
              "emails": [ { "primary": true, "type": "work", "value": "Test_User_ab6490ee@contoso.com" } ],
              "name": { "formatted": "givenName familyName", "familyName": "familyName", "givenName": "givenName" },
              "{{Enterprise}}": { "employeeNumber": "E123", "department": "Eng", "manager": { "value": "26118915-6090-4610-87a4-5e1f6c87b1ba" } },
              "{{Acme}}": { "badgeColor": "blue" }
            }
            """,
            document);
    }

    [Fact]
    public void Normalize_EntraGroupCreate_KeepsMembersAndDropsReadOnly()
    {
        var document = Normalize("""
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
              "externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
              "displayName": "Group1DisplayName",
              "meta": { "resourceType": "Group" },
              "members": [ { "value": "u1" }, "u2", { "value": "u3", "displayName": "User Three" } ]
            }
            """,
            Group);

        JsonAssert.Equal("""
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
              "externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
              "displayName": "Group1DisplayName",
              "members": [ { "value": "u1" }, { "value": "u2" }, { "value": "u3", "display": "User Three" } ]
            }
            """,
            document);
    }

    [Fact]
    public void Normalize_KeysInAnyCase_AreWrittenInSchemaCase()
    {
        var document = Normalize("""
            {
              "USERNAME": "bjensen",
              "Name": { "GIVENNAME": "Barbara", "familyname": "Jensen" },
              "EMAILS": [ { "VALUE": "b@example.com", "Primary": true, "TYPE": "work" } ],
              "ExternalID": "x1",
              "URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER": { "EmployeeNumber": "7", "MANAGER": { "VALUE": "m1" } }
            }
            """);

        JsonAssert.Equal($$"""
            {
              "schemas": ["{{ScimSchemaIds.User}}", "{{Enterprise}}"],
              "userName": "bjensen",
              "name": { "givenName": "Barbara", "familyName": "Jensen" },
              "emails": [ { "value": "b@example.com", "primary": true, "type": "work" } ],
              "externalId": "x1",
              "{{Enterprise}}": { "employeeNumber": "7", "manager": { "value": "m1" } }
            }
            """,
            document);
    }

    [Theory]
    [InlineData("id", "\"2819c223\"")]
    [InlineData("meta", "{ \"resourceType\": \"User\", \"created\": \"2010-01-23T04:56:22Z\", \"version\": \"W/\\\"1\\\"\" }")]
    [InlineData("groups", "[ { \"value\": \"g1\", \"display\": \"Admins\" } ]")]
    [InlineData("ID", "\"2819c223\"")]
    public void Normalize_ReadOnlyAttribute_IsDropped(string key, string value)
    {
        var document = Normalize($$"""{ "userName": "u", "{{key}}": {{value}} }""");

        JsonAssert.Equal($$"""{ "schemas": ["{{ScimSchemaIds.User}}"], "userName": "u" }""", document);
    }

    [Fact]
    public void Normalize_ManagerDisplayName_IsDroppedAsReadOnly()
    {
        var document = Normalize($$"""{ "userName": "u", "{{Enterprise}}": { "manager": { "value": "m1", "displayName": "Boss" } } }""");

        JsonAssert.Equal($$"""
            { "schemas": ["{{ScimSchemaIds.User}}", "{{Enterprise}}"], "userName": "u", "{{Enterprise}}": { "manager": { "value": "m1" } } }
            """,
            document);
    }

    [Fact]
    public void Normalize_ManagerWithOnlyDisplayName_RemovesTheEmptyExtension()
    {
        var document = Normalize($$"""{ "userName": "u", "{{Enterprise}}": { "manager": { "displayName": "Boss" } } }""");

        JsonAssert.Equal($$"""{ "schemas": ["{{ScimSchemaIds.User}}"], "userName": "u" }""", document);
    }

    // Misspellings as Microsoft's SCIM test collection sends them, expecting them to be ignored.
    [Fact]
    public void Normalize_UnknownCoreAttributesAndSubAttributes_AreDropped()
    {
        var document = Normalize($$"""
            {
              "userName": "u",
              "nickNmae": "x",
              "emial": "a@b.c",
              "name": { "givenName": "A", "middleNmae": "B" },
              "emails": [ { "value": "a@b.c", "tpye": "work" } ],
              "{{Enterprise}}": { "employeNumber": "1", "department": "Eng" }
            }
            """);

        JsonAssert.Equal($$"""
            {
              "schemas": ["{{ScimSchemaIds.User}}", "{{Enterprise}}"],
              "userName": "u",
              "name": { "givenName": "A" },
              "emails": [ { "value": "a@b.c" } ],
              "{{Enterprise}}": { "department": "Eng" }
            }
            """,
            document);
    }

    [Fact]
    public void Normalize_UndeclaredExtension_IsKeptVerbatimAndListedInSchemas()
    {
        var document = Normalize($$"""
            {
              "schemas": ["{{ScimSchemaIds.User}}"],
              "userName": "u",
              "{{Acme}}": { "costCenter": "42", "Badge": { "Number": 7, "colors": ["red", null] }, "empty": [], "gone": null }
            }
            """);

        JsonAssert.Equal($$"""
            {
              "schemas": ["{{ScimSchemaIds.User}}", "{{Acme}}"],
              "userName": "u",
              "{{Acme}}": { "costCenter": "42", "Badge": { "Number": 7, "colors": ["red"] } }
            }
            """,
            document);
    }

    [Fact]
    public void Normalize_EnterpriseExtensionOnGroup_IsKeptAsAnUndeclaredExtension()
    {
        var document = Normalize($$"""{ "displayName": "G", "{{Enterprise}}": { "department": "Eng" } }""", Group);

        Assert.Equal([ScimSchemaIds.Group, Enterprise], document["schemas"]!.AsArray().Select(s => (string?)s));
        JsonAssert.Equal("""{ "department": "Eng" }""", document[Enterprise]);
    }

    [Fact]
    public void Normalize_Schemas_IsRebuiltFromWhatIsPresent()
    {
        var document = Normalize($$"""
            { "schemas": ["{{Enterprise}}", "urn:nothing:here", 42], "userName": "u", "{{Acme}}": { "a": "b" } }
            """);

        Assert.Equal([ScimSchemaIds.User, Acme], document["schemas"]!.AsArray().Select(s => (string?)s));
    }

    [Theory]
    [InlineData("""{ "userName": "u" }""")]
    [InlineData("""{ "userName": "u", "schemas": null }""")]
    [InlineData("""{ "userName": "u", "SCHEMAS": "nonsense" }""")]
    public void Normalize_MissingOrMalformedSchemas_IsRebuilt(string body)
    {
        JsonAssert.Equal($$"""{ "schemas": ["{{ScimSchemaIds.User}}"], "userName": "u" }""", Normalize(body));
    }

    [Fact]
    public void Normalize_NullsAndEmptyValues_AreRemoved()
    {
        var document = Normalize($$"""
            {
              "userName": "u",
              "displayName": null,
              "name": { "givenName": null },
              "emails": [],
              "phoneNumbers": [ null, { "value": null } ],
              "addresses": [ { "locality": "Paris", "region": null } ],
              "{{Enterprise}}": { "department": null }
            }
            """);

        JsonAssert.Equal($$"""
            { "schemas": ["{{ScimSchemaIds.User}}"], "userName": "u", "addresses": [ { "locality": "Paris" } ] }
            """,
            document);
    }

    [Theory]
    [InlineData("\"True\"", true)]
    [InlineData("\"true\"", true)]
    [InlineData("\"TRUE\"", true)]
    [InlineData("\" False \"", false)]
    [InlineData("\"false\"", false)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Normalize_BooleanOrBooleanString_IsABoolean(string value, bool expected)
    {
        var document = Normalize($$"""{ "userName": "u", "active": {{value}}, "emails": [ { "value": "a", "primary": {{value}} } ] }""");

        Assert.Equal(expected, (bool)document["active"]!);
        Assert.Equal(expected, (bool)document["emails"]![0]!["primary"]!);
    }

    [Theory]
    [InlineData("\"yes\"", "a string")]
    [InlineData("1", "a number")]
    [InlineData("{}", "an object")]
    [InlineData("[true]", "an array")]
    public void Normalize_ActiveNotABoolean_IsInvalidValue(string value, string got)
    {
        var error = Rejected($$"""{ "userName": "u", "active": {{value}} }""");

        Assert.Equal((400, "invalidValue"), (error.Status, error.ScimType));
        Assert.Equal(
            value.StartsWith('[') ? "Attribute 'active' is single-valued, got an array." : $"Attribute 'active' must be a boolean, got {got}.",
            error.Detail);
    }

    [Theory]
    [InlineData("""{ "userName": 42 }""", "Attribute 'userName' must be a string, got a number.")]
    [InlineData("""{ "userName": true }""", "Attribute 'userName' must be a string, got a boolean.")]
    [InlineData("""{ "name": "Barbara Jensen" }""", "Attribute 'name' must be a complex object, got a string.")]
    [InlineData("""{ "name": { "givenName": { "first": "B" } } }""", "Attribute 'name.givenName' must be a string, got an object.")]
    [InlineData("""{ "displayName": ["a"] }""", "Attribute 'displayName' is single-valued, got an array.")]
    [InlineData("""{ "emails": [ "a@b.c" ] }""", "Attribute 'emails' must be a complex object, got a string.")]
    [InlineData("""{ "emails": [ [ { "value": "a" } ] ] }""", "Attribute 'emails' must hold a list of values, got an array inside the array.")]
    [InlineData("""{ "emails": [ { "primary": "sometimes" } ] }""", "Attribute 'emails.primary' must be a boolean, got a string.")]
    [InlineData("""{ "x509Certificates": [ { "value": "not base64!" } ] }""", "Attribute 'x509Certificates.value' must be a base64-encoded string, got 'not base64!'.")]
    [InlineData("""{ "profileUrl": 3 }""", "Attribute 'profileUrl' must be a reference (a URI string), got a number.")]
    [InlineData("""{ "externalId": {} }""", "Attribute 'externalId' must be a string, got an object.")]
    [InlineData("""{ "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { "manager": 12 } }""", "Attribute 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager' must be a complex object, got a number.")]
    [InlineData("""{ "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": "E1" }""", "Extension 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User' must be a JSON object, got a string.")]
    [InlineData("""{ "urn:ietf:params:scim:schemas:extension:acme:2.0:User": [1] }""", "Extension 'urn:ietf:params:scim:schemas:extension:acme:2.0:User' must be a JSON object, got an array.")]
    [InlineData("""{ "urn:ietf:params:scim:schemas:core:2.0:User": 1 }""", "'urn:ietf:params:scim:schemas:core:2.0:User' must be a JSON object, got a number.")]
    public void Normalize_WrongType_IsInvalidValueNamingTheAttributeAndType(string body, string detail)
    {
        var error = Rejected(body);

        Assert.Equal((400, ScimErrorType.InvalidValue, detail), (error.Status, error.ScimType, error.Detail));
    }

    [Theory]
    [InlineData("null", "null")]
    [InlineData("[]", "an array")]
    [InlineData("\"user\"", "a string")]
    [InlineData("7", "a number")]
    public void Normalize_BodyNotAnObject_IsInvalidSyntax(string body, string got)
    {
        var error = Rejected(body);

        Assert.Equal(
            (400, ScimErrorType.InvalidSyntax, $"The request body must be a JSON object, got {got}."),
            (error.Status, error.ScimType, error.Detail));
    }

    [Fact]
    public void Normalize_RepeatedPropertyInANestedObject_IsInvalidSyntax()
    {
        var error = Rejected("""{ "userName": "u", "name": { "givenName": "a", "givenName": "b" } }""");

        Assert.Equal(ScimErrorType.InvalidSyntax, error.ScimType);
        Assert.StartsWith("The request body repeats a property name within one JSON object", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"26118915\"")]
    [InlineData("{ \"value\": \"26118915\" }")]
    public void Normalize_ManagerAsBareIdOrObject_IsAnObjectWithValue(string manager)
    {
        var document = Normalize($$"""{ "{{Enterprise}}": { "manager": {{manager}} } }""");

        JsonAssert.Equal("""{ "manager": { "value": "26118915" } }""", document[Enterprise]);
    }

    [Fact]
    public void Normalize_MembersAsBareIdsOrWithDisplayName_AreValueAndDisplay()
    {
        var document = Normalize("""
            { "displayName": "G", "members": [ "a", { "value": "b", "displayName": "Bee" }, { "value": "c", "display": "Sea", "displayName": "x" }, { "VALUE": "d", "TYPE": "User" } ] }
            """,
            Group);

        JsonAssert.Equal(
            """[ { "value": "a" }, { "value": "b", "display": "Bee" }, { "value": "c", "display": "Sea" }, { "value": "d", "type": "User" } ]""",
            document["members"]);
    }

    [Fact]
    public void Normalize_SingleObjectForMultiValuedAttribute_IsWrappedInAnArray()
    {
        var document = Normalize("""{ "userName": "u", "emails": { "value": "a@b.c", "type": "work" } }""");

        JsonAssert.Equal("""[ { "value": "a@b.c", "type": "work" } ]""", document["emails"]);
    }

    [Fact]
    public void Normalize_SingleMemberIdForMembers_IsWrappedInAnArray()
    {
        var document = Normalize("""{ "displayName": "G", "members": "u1" }""", Group);

        JsonAssert.Equal("""[ { "value": "u1" } ]""", document["members"]);
    }

    [Fact]
    public void Normalize_UrnQualifiedKeys_LandWhereTheyBelong()
    {
        var document = Normalize($$"""
            {
              "urn:ietf:params:scim:schemas:core:2.0:User:userName": "u",
              "urn:ietf:params:scim:schemas:core:2.0:User:externalId": "e",
              "{{Enterprise}}:employeeNumber": "7",
              "{{Enterprise}}": { "department": "Eng" },
              "{{Acme}}:badge": "b1",
              "urn:ietf:params:scim:schemas:core:2.0:User:nonsense": "dropped"
            }
            """);

        JsonAssert.Equal($$"""
            {
              "schemas": ["{{ScimSchemaIds.User}}", "{{Enterprise}}", "{{Acme}}"],
              "userName": "u",
              "externalId": "e",
              "{{Enterprise}}": { "employeeNumber": "7", "department": "Eng" },
              "{{Acme}}": { "badge": "b1" }
            }
            """,
            document);
    }

    [Fact]
    public void Normalize_UndeclaredUrnWithLowerCaseEndHoldingAnObject_IsOneExtension()
    {
        var document = Normalize("""{ "userName": "u", "urn:example:custom": { "a": 1 } }""");

        JsonAssert.Equal("""{ "a": 1 }""", document["urn:example:custom"]);
        Assert.Equal([ScimSchemaIds.User, "urn:example:custom"], document["schemas"]!.AsArray().Select(s => (string?)s));
    }

    [Fact]
    public void Normalize_CoreAttributesNestedUnderTheCoreUrn_AreTopLevel()
    {
        var document = Normalize($$"""{ "{{ScimSchemaIds.User}}": { "userName": "u", "active": "False", "nothing": null } }""");

        JsonAssert.Equal($$"""{ "schemas": ["{{ScimSchemaIds.User}}"], "userName": "u", "active": false }""", document);
    }

    [Fact]
    public void Normalize_SameAttributeTwiceInDifferentCase_KeepsTheLast()
    {
        var document = Normalize("""{ "userName": "first", "USERNAME": "second" }""");

        Assert.Equal("second", (string?)document["userName"]);
    }

    [Fact]
    public void Normalize_PasswordAndEmptyString_AreKept()
    {
        var document = Normalize("""{ "userName": "u", "password": "t1meMa$heen", "nickName": "" }""");

        Assert.Equal(("t1meMa$heen", ""), ((string?)document["password"], (string?)document["nickName"]));
    }

    [Fact]
    public void Normalize_NeverModifiesTheBody()
    {
        var body = JsonNode.Parse($$"""
            { "userName": "u", "active": "True", "id": "x", "{{Enterprise}}": { "manager": "m" }, "members": ["a"] }
            """)!;
        var before = body.ToJsonString();

        ResourceNormalizer.Normalize(body, User);
        ResourceNormalizer.Normalize(JsonNode.Parse("""{ "displayName": "G", "members": [ { "value": "a", "displayName": "A" } ] }"""), Group);
        var group = JsonNode.Parse("""{ "displayName": "G", "members": [ { "value": "a", "displayName": "A" } ] }""")!;
        var groupBefore = group.ToJsonString();
        ResourceNormalizer.Normalize(group, Group);

        Assert.Equal(before, body.ToJsonString());
        Assert.Equal(groupBefore, group.ToJsonString());
    }

    [Theory]
    [InlineData("slots", "42", "42")]
    [InlineData("slots", "\"42\"", "42")]
    [InlineData("slots", "\"-7\"", "-7")]
    [InlineData("slots", "\" 12 \"", "12")]
    [InlineData("weight", "1.25", "1.25")]
    [InlineData("weight", "\"1.25\"", "1.25")]
    [InlineData("weight", "\"-3\"", "-3")]
    [InlineData("weight", "\"2.5e2\"", "250")]
    [InlineData("enrolled", "\"2008-01-23T04:56:22Z\"", "\"2008-01-23T04:56:22Z\"")]
    [InlineData("enrolled", "\"2008-01-23T04:56:22.123456789+02:00\"", "\"2008-01-23T04:56:22.123456789+02:00\"")]
    [InlineData("enrolled", "\"2008-01-23T04:56:22\"", "\"2008-01-23T04:56:22\"")]
    [InlineData("enrolled", "\"2008-01-23T04:56:22-14:00\"", "\"2008-01-23T04:56:22-14:00\"")]
    [InlineData("firmware", "\"AQID\"", "\"AQID\"")]
    [InlineData("homepage", "\"https://example.com/\"", "\"https://example.com/\"")]
    [InlineData("tags", "\"solo\"", "[\"solo\"]")]
    [InlineData("tags", "[\"a\", null, \"b\"]", "[\"a\",\"b\"]")]
    public void Normalize_TypedAttributeOfACustomSchema_IsConverted(string attribute, string value, string expected)
    {
        var document = Normalize($$"""{ "serialNumber": "s", "{{attribute}}": {{value}} }""", TestResourceTypes.Device);

        JsonAssert.Equal(expected, document[attribute]);
    }

    [Theory]
    [InlineData("slots", "\"42abc\"", "Attribute 'slots' must be an integer, got '42abc'.")]
    [InlineData("slots", "\"0x2A\"", "Attribute 'slots' must be an integer, got '0x2A'.")]
    [InlineData("slots", "\"4 2\"", "Attribute 'slots' must be an integer, got '4 2'.")]
    [InlineData("slots", "1.5", "Attribute 'slots' must be an integer, got '1.5'.")]
    [InlineData("slots", "\"007\"", "Attribute 'slots' must be an integer, got '007'.")]
    [InlineData("slots", "99999999999999999999", "Attribute 'slots' must be an integer, got '99999999999999999999'.")]
    [InlineData("slots", "true", "Attribute 'slots' must be an integer, got a boolean.")]
    [InlineData("weight", "\"1,5\"", "Attribute 'weight' must be a decimal number, got '1,5'.")]
    [InlineData("weight", "1e400", "Attribute 'weight' holds the number 1e400, which the service cannot store exactly: numbers may have at most 28 significant digits, with magnitudes from 1E-28 to 7.9E+28.")]
    [InlineData("weight", "\"NaN\"", "Attribute 'weight' must be a decimal number, got 'NaN'.")]
    [InlineData("enrolled", "\"yesterday\"", "Attribute 'enrolled' must be a dateTime string (xsd:dateTime, such as 2008-01-23T04:56:22Z), got 'yesterday'.")]
    [InlineData("enrolled", "\"2008-13-01T00:00:00Z\"", "Attribute 'enrolled' must be a dateTime string (xsd:dateTime, such as 2008-01-23T04:56:22Z), got '2008-13-01T00:00:00Z'.")]
    [InlineData("enrolled", "\"2008-01-23T04:56:22+15:00\"", "Attribute 'enrolled' must be a dateTime string (xsd:dateTime, such as 2008-01-23T04:56:22Z), got '2008-01-23T04:56:22+15:00'.")]
    [InlineData("enrolled", "\"2008-01-23\"", "Attribute 'enrolled' must be a dateTime string (xsd:dateTime, such as 2008-01-23T04:56:22Z), got '2008-01-23'.")]
    [InlineData("enrolled", "1200000000", "Attribute 'enrolled' must be a dateTime string (xsd:dateTime, such as 2008-01-23T04:56:22Z), got a number.")]
    [InlineData("firmware", "\"%%%\"", "Attribute 'firmware' must be a base64-encoded string, got '%%%'.")]
    [InlineData("tags", "[1]", "Attribute 'tags' must be a string, got a number.")]
    [InlineData("owner", "[{ \"value\": \"a\" }]", "Attribute 'owner' is single-valued, got an array.")]
    public void Normalize_BadValueOfACustomSchema_IsInvalidValue(string attribute, string value, string detail)
    {
        var error = Rejected($$"""{ "serialNumber": "s", "{{attribute}}": {{value}} }""", TestResourceTypes.Device);

        Assert.Equal((ScimErrorType.InvalidValue, detail), (error.ScimType, error.Detail));
    }

    [Fact]
    public void Normalize_DeclaredCustomExtension_IsTypeChecked()
    {
        var error = Rejected($$"""{ "serialNumber": "s", "{{TestResourceTypes.WarrantyUrn}}": { "years": "three" } }""", TestResourceTypes.Device);

        Assert.Equal($"Attribute '{TestResourceTypes.WarrantyUrn}:years' must be an integer, got 'three'.", error.Detail);
    }

    [Fact]
    public void Normalize_LongValueInAnError_IsShortened()
    {
        var error = Rejected($$"""{ "serialNumber": "s", "slots": "{{new string('9', 30)}}x{{new string('9', 30)}}" }""", TestResourceTypes.Device);

        Assert.Equal($"Attribute 'slots' must be an integer, got '{new string('9', 30)}x{new string('9', 9)}…'.", error.Detail);
    }
}
