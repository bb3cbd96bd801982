using System.Text.Json.Nodes;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Schema;
using Scim.Api.Tests.Support;
using static Scim.Api.Tests.Core.Filters.FilterTrees;

namespace Scim.Api.Tests.Core.Filters;

public class FilterEvaluatorTests
{
    private static readonly ResourceTypeDefinition User = BuiltInSchemas.UserResourceType;
    private static readonly ResourceTypeDefinition Group = BuiltInSchemas.GroupResourceType;
    private static readonly ResourceTypeDefinition Device = TestResourceTypes.FilterDevice;

    private const string BarbaraJson = """
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
          "id": "2819c223-7f76-453a-919d-413861904646",
          "externalId": "bjensen-ext",
          "meta": {
            "resourceType": "User",
            "created": "2010-01-23T04:56:22Z",
            "lastModified": "2011-05-13T04:42:34Z",
            "version": "W/\"3694e05e9dff590\"",
            "location": "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646"
          },
          "userName": "bjensen@example.com",
          "name": { "familyName": "Jensen", "givenName": "Barbara", "middleName": "" },
          "displayName": "Babs Jensen",
          "active": true,
          "emails": [
            { "value": "bjensen@example.com", "type": "work", "primary": true },
            { "value": "babs@jensen.org", "type": "home" }
          ],
          "groups": [
            { "value": "e9e30dba-f08f-4109-8486-d5c6a331660a", "$ref": "https://example.com/v2/Groups/e9e30dba", "display": "Tour Guides" }
          ],
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
            "employeeNumber": "701984",
            "department": "Tour Operations",
            "manager": { "value": "26118915-6090-4610-87e4-49d8ca9f808d", "displayName": "John Smith" }
          },
          "urn:acme:custom:1.0:User": { "badge": "A7", "level": 3, "codes": ["x1", "Y2"] }
        }
        """;

    private const string GroupJson = """
        {
          "id": "e9e30dba-f08f-4109-8486-d5c6a331660a",
          "displayName": "Tour Guides",
          "meta": { "resourceType": "Group", "created": "2010-01-23T04:56:22Z" },
          "members": [
            { "value": "2819c223-7f76-453a-919d-413861904646", "display": "Babs Jensen", "type": "User", "$ref": "https://example.com/v2/Users/2819c223" },
            { "value": "902c246b-6245-4190-8e05-00816be7344a", "display": "Mandy Pepperidge", "type": "User" }
          ]
        }
        """;

    private const string DeviceJson = """
        {
          "id": "d1",
          "serial": "SN-Alpha",
          "label": "Rack Switch",
          "enabled": false,
          "ports": 48,
          "load": 0.75,
          "firmware": "AAECAw==",
          "seen": "2020-06-01T12:00:00+02:00",
          "homepage": "https://Example.com/Switch",
          "alias": "https://Example.com/Alias",
          "tags": ["lab", "Core"],
          "readings": [3, 17, 42],
          "location": { "building": "B", "floor": 3 },
          "owners": [ { "value": "U1", "since": "2019-01-01T00:00:00Z" }, { "value": "u2", "since": "2021-01-01T00:00:00Z" } ]
        }
        """;

    private static readonly JsonObject Barbara = JsonNode.Parse(BarbaraJson)!.AsObject();

    private static bool UserMatches(string filter) => FilterEvaluator.Matches(FilterParser.Parse(filter), Barbara, User);

    private static bool GroupMatches(string filter) => FilterEvaluator.Matches(FilterParser.Parse(filter), JsonNode.Parse(GroupJson)!.AsObject(), Group);

    private static bool DeviceMatches(string filter) => FilterEvaluator.Matches(FilterParser.Parse(filter), JsonNode.Parse(DeviceJson)!.AsObject(), Device);

    private static bool Matches(string filter, string json) => FilterEvaluator.Matches(FilterParser.Parse(filter), JsonNode.Parse(json)!.AsObject(), User);

    [Theory]
    // Case-insensitive strings (caseExact false): userName, displayName, name.*, emails.*.
    [InlineData("userName eq \"BJENSEN@EXAMPLE.COM\"", true)]
    [InlineData("userName eq \"bjensen@example.com\"", true)]
    [InlineData("userName eq \"bjensen\"", false)]
    [InlineData("displayName co \"BABS\"", true)]
    [InlineData("displayName sw \"babs \"", true)]
    [InlineData("displayName ew \"JENSEN\"", true)]
    [InlineData("displayName ew \"Babs\"", false)]
    [InlineData("name.familyName eq \"jensen\"", true)]
    [InlineData("NAME.FAMILYNAME EQ \"JENSEN\"", true)]
    [InlineData("userName sw O", false)]
    [InlineData("userName sw B", true)]
    // Case-exact strings (caseExact true): id, externalId, meta.version, meta.resourceType.
    [InlineData("id eq \"2819c223-7f76-453a-919d-413861904646\"", true)]
    [InlineData("id eq \"2819C223-7F76-453A-919D-413861904646\"", false)]
    [InlineData("externalId eq bjensen-ext", true)]
    [InlineData("externalId eq BJENSEN-EXT", false)]
    [InlineData("externalId sw \"BJ\"", false)]
    [InlineData("meta.resourceType eq \"User\"", true)]
    [InlineData("meta.resourceType eq \"user\"", false)]
    [InlineData("meta.version eq \"W/\\\"3694e05e9dff590\\\"\"", true)]
    // Lexical ordering of strings.
    [InlineData("userName gt \"a\"", true)]
    [InlineData("userName gt \"C\"", false)]
    [InlineData("userName ge \"BJENSEN@EXAMPLE.COM\"", true)]
    [InlineData("userName lt \"c\"", true)]
    [InlineData("userName le \"bjensen@example.com\"", true)]
    [InlineData("userName lt \"a\"", false)]
    public void Matches_StringComparison_FollowsCaseExact(string filter, bool expected) => Assert.Equal(expected, UserMatches(filter));

    [Theory]
    [InlineData("meta.created gt 2009-10-10T14:38:21.8617979-07:00", true)]
    [InlineData("meta.created gt 2015-10-10T14:38:21.8617979-07:00", false)]
    [InlineData("meta.created eq \"2010-01-23T04:56:22Z\"", true)]
    [InlineData("meta.created eq \"2010-01-23T06:56:22+02:00\"", true)]
    [InlineData("meta.created eq \"2010-01-22T21:56:22-07:00\"", true)]
    [InlineData("meta.created eq \"2010-01-23T04:56:22.0000000Z\"", true)]
    [InlineData("meta.created eq \"2010-01-23T04:56:22\"", true)]
    [InlineData("meta.created eq \"2010-01-23T04:56:23Z\"", false)]
    [InlineData("meta.created ne \"2010-01-23T06:56:22+02:00\"", false)]
    [InlineData("meta.created ge \"2010-01-23T06:56:22+02:00\"", true)]
    [InlineData("meta.created gt \"2010-01-23T06:56:22+02:00\"", false)]
    [InlineData("meta.created le \"2010-01-23T04:56:21.9999999-00:00\"", false)]
    [InlineData("meta.created lt \"2010-01-23T05:56:22+00:59\"", true)]
    [InlineData("meta.lastModified gt \"2011-05-13T04:42:33.999Z\"", true)]
    [InlineData("meta.lastModified lt 2011-05-13T04:42:34Z", false)]
    public void Matches_DateTime_ComparesInstantsAcrossOffsets(string filter, bool expected) => Assert.Equal(expected, UserMatches(filter));

    [Theory]
    [InlineData("emails.value co \"jensen.org\"", true)]
    [InlineData("emails.value co \"nowhere\"", false)]
    [InlineData("emails.type eq \"home\"", true)]
    [InlineData("emails.type eq \"work\"", true)]
    [InlineData("emails.type eq \"other\"", false)]
    [InlineData("emails co \"example.com\"", true)]
    [InlineData("emails eq \"BABS@JENSEN.ORG\"", true)]
    [InlineData("emails sw \"nobody\"", false)]
    [InlineData("emails.primary eq true", true)]
    [InlineData("emails.primary eq false", false)]
    [InlineData("emails[type eq \"work\" and value co \"@example.com\"]", true)]
    [InlineData("emails[type eq \"home\" and value co \"@example.com\"]", false)]
    [InlineData("emails[type eq \"home\" or primary eq true]", true)]
    [InlineData("emails[not (type eq \"work\")]", true)]
    [InlineData("emails[primary pr]", true)]
    [InlineData("emails[type eq \"home\" and primary pr]", false)]
    [InlineData("emails[type eq \"work\"] and emails[type eq \"home\"]", true)]
    [InlineData("not (emails[type eq \"other\"])", true)]
    [InlineData("groups.value eq \"e9e30dba-f08f-4109-8486-d5c6a331660a\"", true)]
    [InlineData("groups eq \"e9e30dba-f08f-4109-8486-d5c6a331660a\"", true)]
    [InlineData("groups[display eq \"tour guides\"]", true)]
    public void Matches_MultiValuedAttribute_MatchesWhenAnyValueMatches(string filter, bool expected) => Assert.Equal(expected, UserMatches(filter));

    [Theory]
    [InlineData("userName pr", true)]
    [InlineData("name.middleName pr", false)]
    [InlineData("name.honorificPrefix pr", false)]
    [InlineData("emails pr", true)]
    [InlineData("emails.primary pr", true)]
    [InlineData("emails.display pr", false)]
    [InlineData("name pr", true)]
    [InlineData("meta.created pr", true)]
    [InlineData("id pr", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager pr", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter pr", false)]
    [InlineData("urn:acme:custom:1.0:User:badge pr", true)]
    [InlineData("urn:acme:other:1.0:User:badge pr", false)]
    public void Matches_Present_OnTheSampleUser(string filter, bool expected) => Assert.Equal(expected, UserMatches(filter));

    [Theory]
    [InlineData("""{ "displayName": null }""", false)]
    [InlineData("""{ "displayName": "" }""", false)]
    [InlineData("""{ "displayName": " " }""", true)]
    [InlineData("""{ "displayName": "x" }""", true)]
    [InlineData("""{ }""", false)]
    public void Matches_PresentOnSimpleAttribute_TreatsNullAndEmptyStringAsAbsent(string json, bool expected) =>
        Assert.Equal(expected, Matches("displayName pr", json));

    [Theory]
    [InlineData("""{ "emails": [] }""", false)]
    [InlineData("""{ "emails": null }""", false)]
    [InlineData("""{ "emails": [ {} ] }""", false)]
    [InlineData("""{ "emails": [ { "value": null, "type": "" } ] }""", false)]
    [InlineData("""{ "emails": [ null ] }""", false)]
    [InlineData("""{ "emails": [ { "type": "work" } ] }""", true)]
    public void Matches_PresentOnMultiValuedAttribute_TreatsEmptyArraysAndObjectsAsAbsent(string json, bool expected) =>
        Assert.Equal(expected, Matches("emails pr", json));

    [Theory]
    [InlineData("""{ "name": {} }""", false)]
    [InlineData("""{ "name": { "givenName": null } }""", false)]
    [InlineData("""{ "name": { "givenName": "" } }""", false)]
    [InlineData("""{ "name": { "givenName": "B" } }""", true)]
    public void Matches_PresentOnComplexAttribute_TreatsEmptyObjectsAsAbsent(string json, bool expected) =>
        Assert.Equal(expected, Matches("name pr", json));

    [Theory]
    [InlineData("displayName ne \"x\"", """{ }""", true)]
    [InlineData("displayName ne \"x\"", """{ "displayName": null }""", true)]
    [InlineData("displayName ne \"x\"", """{ "displayName": "X" }""", false)]
    [InlineData("displayName ne \"x\"", """{ "displayName": "y" }""", true)]
    [InlineData("emails.type ne \"work\"", """{ "emails": [ { "type": "work" }, { "type": "home" } ] }""", false)]
    [InlineData("emails.type ne \"work\"", """{ "emails": [ { "type": "home" } ] }""", true)]
    [InlineData("emails.type ne \"work\"", """{ "emails": [] }""", true)]
    [InlineData("active ne true", """{ }""", true)]
    [InlineData("active ne true", """{ "active": false }""", true)]
    [InlineData("active ne true", """{ "active": true }""", false)]
    [InlineData("displayName eq \"x\"", """{ }""", false)]
    public void Matches_NotEqual_IsTheNegationOfEqualIncludingAbsentAttributes(string filter, string json, bool expected) =>
        Assert.Equal(expected, Matches(filter, json));

    [Theory]
    [InlineData("displayName eq null", """{ }""", true)]
    [InlineData("displayName eq null", """{ "displayName": null }""", true)]
    [InlineData("displayName eq null", """{ "displayName": "" }""", true)]
    [InlineData("displayName eq null", """{ "displayName": "x" }""", false)]
    [InlineData("displayName ne null", """{ "displayName": "x" }""", true)]
    [InlineData("displayName ne null", """{ }""", false)]
    [InlineData("emails eq null", """{ "emails": [] }""", true)]
    [InlineData("emails ne null", """{ "emails": [ { "value": "a@b" } ] }""", true)]
    public void Matches_EqualNull_MeansAbsentAndNotEqualNullPresent(string filter, string json, bool expected) =>
        Assert.Equal(expected, Matches(filter, json));

    [Theory]
    [InlineData("active eq true", true)]
    [InlineData("active eq TRUE", true)]
    [InlineData("active eq \"True\"", true)]
    [InlineData("active eq false", false)]
    [InlineData("active ne false", true)]
    public void Matches_Boolean_ComparesTruthValues(string filter, bool expected) => Assert.Equal(expected, UserMatches(filter));

    [Theory]
    [InlineData("""{ "active": "True" }""", true)]
    [InlineData("""{ "active": "false" }""", false)]
    [InlineData("""{ "active": "yes" }""", false)]
    [InlineData("""{ "active": 1 }""", false)]
    public void Matches_BooleanStoredAsText_IsReadLikeEntraSendsIt(string json, bool expected) =>
        Assert.Equal(expected, Matches("active eq true", json));

    [Theory]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"701984\"", true)]
    [InlineData("employeeNumber eq \"701984\"", true)]
    [InlineData("employeeNumber eq \"1\"", false)]
    [InlineData("URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER:DEPARTMENT co \"tour\"", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager eq \"26118915-6090-4610-87e4-49d8ca9f808d\"", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.manager eq \"26118915-6090-4610-87e4-49d8ca9f808d\"", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"26118915-6090-4610-87e4-49d8ca9f808d\"", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.displayName eq \"john smith\"", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager[value sw \"2611\"]", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager eq \"other\"", false)]
    public void Matches_EnterpriseExtensionAttribute_IsFoundUnderItsUrn(string filter, bool expected) => Assert.Equal(expected, UserMatches(filter));

    [Theory]
    [InlineData("urn:acme:custom:1.0:User:badge eq \"a7\"", true)]
    [InlineData("urn:acme:custom:1.0:User:BADGE eq \"A7\"", true)]
    [InlineData("urn:acme:custom:1.0:User:badge co \"7\"", true)]
    [InlineData("urn:acme:custom:1.0:User:level eq 3", true)]
    [InlineData("urn:acme:custom:1.0:User:level eq \"3\"", true)]
    [InlineData("urn:acme:custom:1.0:User:level gt \"20\"", true)]
    [InlineData("urn:acme:custom:1.0:User:codes eq \"y2\"", true)]
    [InlineData("urn:acme:custom:1.0:User:codes[value eq \"y2\"]", false)]
    [InlineData("urn:acme:custom:1.0:User:missing pr", false)]
    [InlineData("urn:acme:custom:1.0:User:missing ne \"x\"", true)]
    [InlineData("urn:ACME:custom:1.0:User:badge eq \"A7\"", true)]
    public void Matches_UndeclaredExtensionAttribute_ComparesAsCaseInsensitiveText(string filter, bool expected) =>
        Assert.Equal(expected, UserMatches(filter));

    [Theory]
    [InlineData("displayName eq \"Tour Guides\"", true)]
    [InlineData("members[value eq \"902c246b-6245-4190-8e05-00816be7344a\"]", true)]
    [InlineData("members[value eq \"nobody\"]", false)]
    [InlineData("members eq \"2819c223-7f76-453a-919d-413861904646\"", true)]
    [InlineData("members.value eq \"2819c223-7f76-453a-919d-413861904646\"", true)]
    [InlineData("members.display co \"pepper\"", true)]
    [InlineData("members[type eq \"User\" and display sw \"Babs\"]", true)]
    [InlineData("members[type eq \"Group\"]", false)]
    [InlineData("id eq \"e9e30dba-f08f-4109-8486-d5c6a331660a\" and members[value eq \"2819c223-7f76-453a-919d-413861904646\"]", true)]
    [InlineData("meta.resourceType eq \"Group\"", true)]
    public void Matches_GroupMembers_AreSearchedByValue(string filter, bool expected) => Assert.Equal(expected, GroupMatches(filter));

    [Theory]
    [InlineData("serial eq \"SN-Alpha\"", true)]
    [InlineData("serial eq \"sn-alpha\"", false)]
    [InlineData("label eq \"rack switch\"", true)]
    [InlineData("enabled eq false", true)]
    [InlineData("ports eq 48", true)]
    [InlineData("ports eq 48.0", true)]
    [InlineData("ports gt 47", true)]
    [InlineData("ports gt 48", false)]
    [InlineData("ports ge 48", true)]
    [InlineData("ports lt 100", true)]
    [InlineData("ports le 47", false)]
    [InlineData("ports eq \"48\"", true)]
    [InlineData("load lt 0.8", true)]
    [InlineData("load eq 0.750", true)]
    [InlineData("load gt 7.5e-1", false)]
    [InlineData("firmware eq \"AAECAw==\"", true)]
    [InlineData("firmware eq \"aaecaw==\"", false)]
    [InlineData("firmware ne \"aaecaw==\"", true)]
    [InlineData("seen eq \"2020-06-01T10:00:00Z\"", true)]
    [InlineData("seen gt \"2020-06-01T11:00:00+02:00\"", true)]
    [InlineData("homepage eq \"https://Example.com/Switch\"", true)]
    [InlineData("homepage eq \"https://example.com/switch\"", false)]
    [InlineData("alias eq \"https://example.com/alias\"", true)]
    [InlineData("tags eq \"core\"", true)]
    [InlineData("tags eq \"office\"", false)]
    [InlineData("readings gt 40", true)]
    [InlineData("readings lt 3", false)]
    [InlineData("readings eq 17", true)]
    [InlineData("location.floor ge 3", true)]
    [InlineData("location[building eq \"b\" and floor eq 3]", true)]
    [InlineData("location[building eq \"b\" and floor eq 4]", false)]
    [InlineData("owners eq \"u1\"", false)]
    [InlineData("owners eq \"U1\"", true)]
    [InlineData("owners[value eq \"u2\" and since gt \"2020-01-01T00:00:00Z\"]", true)]
    [InlineData("owners[value eq \"U1\" and since gt \"2020-01-01T00:00:00Z\"]", false)]
    public void Matches_TypedAttributes_CompareByType(string filter, bool expected) => Assert.Equal(expected, DeviceMatches(filter));

    [Theory]
    [InlineData("ports gt 1", """{ "ports": "many" }""")]
    [InlineData("ports eq 1", """{ "ports": true }""")]
    [InlineData("enabled eq true", """{ "enabled": "on" }""")]
    [InlineData("seen gt \"2000-01-01T00:00:00Z\"", """{ "seen": "not a date" }""")]
    [InlineData("seen gt \"2000-01-01T00:00:00Z\"", """{ "seen": 5 }""")]
    [InlineData("label eq \"x\"", """{ "label": { "text": "x" } }""")]
    [InlineData("label eq \"x\"", """{ "label": [ [ "y" ] ] }""")]
    [InlineData("firmware eq \"AA\"", """{ "firmware": 1 }""")]
    [InlineData("location.floor eq 3", """{ "location": "B3" }""")]
    [InlineData("owners[value eq \"u\"]", """{ "owners": "u" }""")]
    public void Matches_StoredValueOfTheWrongType_NeverMatches(string filter, string json) =>
        Assert.False(FilterEvaluator.Matches(FilterParser.Parse(filter), JsonNode.Parse(json)!.AsObject(), Device));

    [Theory]
    [InlineData("schemas eq \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"", true)]
    [InlineData("SCHEMAS eq \"URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER\"", true)]
    [InlineData("schemas eq \"urn:ietf:params:scim:schemas:core:2.0:Group\"", false)]
    [InlineData("schemas co \"enterprise\"", true)]
    [InlineData("schemas pr", true)]
    public void Matches_Schemas_IsAMultiValuedListOfUris(string filter, bool expected) => Assert.Equal(expected, UserMatches(filter));

    [Theory]
    [InlineData("""{ "emails": [ { "type": "work" } ] }""", false)]
    [InlineData("""{ "emails": [] }""", true)]
    public void Matches_ComplexAttributeEqualNull_AsksWhetherTheAttributeIsAbsent(string json, bool expected)
    {
        var filter = FilterParser.Parse("emails eq null");
        var document = JsonNode.Parse(json)!.AsObject();

        Assert.Equal(expected, FilterEvaluator.Matches(filter, document, User));
        Assert.Equal(expected, FilterEvaluator.Matches(filter, document, User, filterIsResolved: true));
    }

    [Theory]
    [InlineData("password pr")]
    [InlineData("password eq \"secret\"")]
    [InlineData("PASSWORD sw \"s\"")]
    [InlineData("userName pr or password ne \"x\"")]
    public void Matches_NeverReturnedAttribute_IsInvalidFilter(string filter)
    {
        var error = ScimExceptionAssert.Throws(
            ScimErrorType.InvalidFilter,
            () => FilterEvaluator.Matches(FilterParser.Parse(filter), JsonNode.Parse("""{ "password": "secret" }""")!.AsObject(), User));

        Assert.Contains("'password' cannot be used in a filter", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Matches_KeysInAnotherCase_AreFound()
    {
        const string json = """
            { "UserName": "bob", "NAME": { "GivenName": "Bob" }, "Emails": [ { "Value": "b@x", "TYPE": "work" } ],
              "URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER": { "EmployeeNumber": "7" } }
            """;

        Assert.True(Matches("userName eq \"bob\" and name.givenName eq \"bob\" and emails[type eq \"work\"] and employeeNumber eq \"7\"", json));
    }

    [Fact]
    public void Matches_ExactKeyWins_OverAKeyInAnotherCase() =>
        Assert.True(Matches("userName eq \"exact\"", """{ "USERNAME": "other", "userName": "exact" }"""));

    [Theory]
    [InlineData("userName eq \"bjensen@example.com\"", "displayName eq \"nobody\"")]
    [InlineData("emails.type eq \"home\"", "active eq false")]
    [InlineData("meta.created lt \"2020-01-01T00:00:00Z\"", "displayName pr")]
    public void Matches_LogicalOperators_CombineLikeBooleans(string f, string g)
    {
        var left = FilterParser.Parse(f);
        var right = FilterParser.Parse(g);
        var l = FilterEvaluator.Matches(left, Barbara, User);
        var r = FilterEvaluator.Matches(right, Barbara, User);

        Assert.Equal(l && r, FilterEvaluator.Matches(And(left, right), Barbara, User));
        Assert.Equal(l || r, FilterEvaluator.Matches(Or(left, right), Barbara, User));
        Assert.Equal(!l, FilterEvaluator.Matches(Not(left), Barbara, User));
    }

    [Fact]
    public void Matches_UnknownAttribute_IsInvalidFilter()
    {
        var error = ScimExceptionAssert.Throws(ScimErrorType.InvalidFilter, () => UserMatches("nicknam eq \"x\""));

        Assert.Contains("'nicknam'", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Matches_ResolvedFilter_GivesTheSameAnswerWithoutResolvingAgain()
    {
        var resolved = FilterResolver.Resolve(FilterParser.Parse("EMAILS co \"JENSEN.ORG\" and EMPLOYEENUMBER eq \"701984\""), User);

        Assert.True(FilterEvaluator.Matches(resolved, Barbara, User, filterIsResolved: true));
    }

    [Fact]
    public void Matches_WhenToldResolved_DoesNotValidate() =>
        Assert.False(FilterEvaluator.Matches(Eq("nickname", "x"), Barbara, User, filterIsResolved: true));

    [Theory]
    [InlineData("type eq \"work\"", true)]
    [InlineData("TYPE eq \"WORK\"", true)]
    [InlineData("type eq \"home\"", false)]
    [InlineData("type eq \"work\" and value co \"@example.com\"", true)]
    [InlineData("primary eq true", true)]
    [InlineData("primary eq false", false)]
    [InlineData("display pr", false)]
    [InlineData("display ne \"x\"", true)]
    [InlineData("not (type eq \"home\")", true)]
    public void MatchesElement_EmailValue_EvaluatesSubAttributes(string filter, bool expected)
    {
        var attribute = User.Resolve(Scim.Api.Core.Paths.AttributePath.Of("emails"))!;
        var element = JsonNode.Parse("""{ "value": "bjensen@example.com", "type": "work", "primary": true }""");

        Assert.Equal(expected, FilterEvaluator.MatchesElement(FilterParser.Parse(filter), element, attribute, User));
    }

    [Theory]
    [InlineData("value eq \"U1\"", true)]
    [InlineData("value eq \"u1\"", false)]
    [InlineData("since lt \"2019-06-01T00:00:00+05:00\"", true)]
    public void MatchesElement_TypedSubAttributes_FollowTheirDefinitions(string filter, bool expected)
    {
        var attribute = Device.Resolve(Scim.Api.Core.Paths.AttributePath.Of("owners"))!;
        var element = JsonNode.Parse("""{ "value": "U1", "since": "2019-01-01T00:00:00Z" }""");

        Assert.Equal(expected, FilterEvaluator.MatchesElement(FilterParser.Parse(filter), element, attribute, Device));
    }

    [Fact]
    public void MatchesElement_AttributeResolvedWithItsSubAttribute_StillEvaluatesTheWholeElement()
    {
        var path = Scim.Api.Core.Paths.ScimPathParser.Parse("emails[type eq \"work\"].value");
        var attribute = User.Resolve(path.Attribute)!;
        var element = JsonNode.Parse("""{ "value": "b@x", "type": "work" }""");

        Assert.True(FilterEvaluator.MatchesElement(path.ValueFilter!, element, attribute, User));
    }

    [Fact]
    public void MatchesElement_MemberOfGroup_MatchesByValue()
    {
        var attribute = Group.Resolve(Scim.Api.Core.Paths.AttributePath.Of("members"))!;
        var element = JsonNode.Parse("""{ "value": "u1", "display": "Babs" }""");

        Assert.True(FilterEvaluator.MatchesElement(FilterParser.Parse("value eq \"u1\""), element, attribute, Group));
    }

    [Theory]
    [InlineData("foo eq 1", "Unknown attribute 'foo' inside 'emails[…]'")]
    [InlineData("emails.type eq \"work\"", "is not one")]
    [InlineData("primary gt true", "boolean")]
    [InlineData("value[type eq \"x\"]", "cannot be nested")]
    public void MatchesElement_InvalidInnerFilter_IsInvalidFilter(string filter, string fragment)
    {
        var attribute = User.Resolve(Scim.Api.Core.Paths.AttributePath.Of("emails"))!;
        var parsed = filter.Contains('[', StringComparison.Ordinal) ? Vp("value", Eq("type", "x")) : FilterParser.Parse(filter);

        var error = ScimExceptionAssert.Throws(
            ScimErrorType.InvalidFilter,
            () => FilterEvaluator.MatchesElement(parsed, JsonNode.Parse("{}"), attribute, User));

        Assert.Contains(fragment, error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "kind": "Gold" }""", "kind eq \"gold\"", true)]
    [InlineData("""{ "kind": "Gold" }""", "kind eq \"silver\"", false)]
    [InlineData("""null""", "kind pr", false)]
    [InlineData("""null""", "kind ne \"x\"", true)]
    [InlineData("\"Gold\"", "kind eq \"Gold\"", false)]
    public void MatchesElement_UndeclaredAttribute_ComparesAsCaseInsensitiveText(string element, string filter, bool expected)
    {
        var attribute = User.Resolve(new Scim.Api.Core.Paths.AttributePath("urn:acme:custom:1.0:User", "badges", null))!;

        Assert.Equal(expected, FilterEvaluator.MatchesElement(FilterParser.Parse(filter), JsonNode.Parse(element), attribute, User));
    }
}
