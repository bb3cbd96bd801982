using System.Text.Json.Nodes;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;

namespace Scim.Api.Tests.Storage;

/// <summary>
/// A realistic population for the filter parity test: users with names, emails, addresses and phone numbers,
/// the enterprise extension with a manager, a declared test extension with an attribute of every SCIM type, an
/// extension the type does not declare, Unicode and SQL-hostile text; groups with users, groups and unknown ids
/// as members. Some resources are updated after creation so versions and lastModified differ.
/// </summary>
internal static class FilterParityDataset
{
    public const string EnterpriseUrn = ScimSchemaIds.EnterpriseUser;
    public const string TestUrn = "urn:example:params:scim:schemas:extension:test:2.0:User";
    public const string AcmeUrn = "urn:example:params:scim:schemas:extension:acme:2.0:User";

    private static readonly AttributeDefinition Addresses = new()
    {
        Name = "addresses", Type = AttributeType.Complex, MultiValued = true,
        SubAttributes =
        [
            new AttributeDefinition { Name = "formatted" },
            new AttributeDefinition { Name = "streetAddress" },
            new AttributeDefinition { Name = "locality" },
            new AttributeDefinition { Name = "region" },
            new AttributeDefinition { Name = "postalCode" },
            new AttributeDefinition { Name = "country" },
            new AttributeDefinition { Name = "type", CanonicalValues = ["work", "home", "other"] },
            new AttributeDefinition { Name = "primary", Type = AttributeType.Boolean },
        ],
    };

    private static readonly AttributeDefinition PhoneNumbers = new()
    {
        Name = "phoneNumbers", Type = AttributeType.Complex, MultiValued = true,
        SubAttributes =
        [
            new AttributeDefinition { Name = "value" },
            new AttributeDefinition { Name = "display" },
            new AttributeDefinition { Name = "type" },
            new AttributeDefinition { Name = "primary", Type = AttributeType.Boolean },
        ],
    };

    private static readonly SchemaDefinition UserSchema = BuiltInSchemas.User with
    {
        Attributes =
        [
            .. BuiltInSchemas.User.Attributes,
            new AttributeDefinition { Name = "nickName" },
            new AttributeDefinition { Name = "title" },
            Addresses,
            PhoneNumbers,
        ],
    };

    private static readonly SchemaDefinition TestExtension = new(
        TestUrn,
        "TestUser",
        "One attribute of every SCIM type.",
        [
            new AttributeDefinition { Name = "loginCount", Type = AttributeType.Integer },
            new AttributeDefinition { Name = "score", Type = AttributeType.Decimal },
            new AttributeDefinition { Name = "lastLogin", Type = AttributeType.DateTime },
            new AttributeDefinition { Name = "avatar", Type = AttributeType.Binary },
            new AttributeDefinition { Name = "verified", Type = AttributeType.Boolean },
            new AttributeDefinition { Name = "badgeCode", CaseExact = true },
            new AttributeDefinition { Name = "homepage", Type = AttributeType.Reference, ReferenceTypes = ["external"] },
            new AttributeDefinition { Name = "tags", MultiValued = true },
            new AttributeDefinition { Name = "readings", Type = AttributeType.Integer, MultiValued = true },
        ]);

    public static readonly ResourceTypeDefinition UserType = new(
        "User", "/Users", "User", UserSchema, [new SchemaExtension(BuiltInSchemas.EnterpriseUser, false), new SchemaExtension(TestExtension, false)]);

    public static readonly ResourceTypeDefinition GroupType = BuiltInSchemas.GroupResourceType;

    public static readonly (string Id, string Json)[] Users =
    [
        ("u1", $$"""
            {
              "schemas": ["{{ScimSchemaIds.User}}", "{{EnterpriseUrn}}", "{{TestUrn}}", "{{AcmeUrn}}"],
              "userName": "bjensen", "externalId": "EXT-bjensen",
              "name": { "formatted": "Ms. Barbara J Jensen III", "familyName": "Jensen", "givenName": "Barbara",
                        "middleName": "Jane", "honorificPrefix": "Ms.", "honorificSuffix": "III" },
              "displayName": "Babs Jensen", "nickName": "Babs", "title": "Tour Guide", "active": true,
              "emails": [ { "value": "bjensen@example.com", "type": "work", "primary": true },
                          { "value": "babs@jensen.org", "type": "home" } ],
              "addresses": [ { "type": "work", "streetAddress": "100 Universal City Plaza", "locality": "Hollywood",
                               "region": "CA", "postalCode": "91608", "country": "USA", "primary": true },
                             { "type": "home", "locality": "Burbank", "country": "USA" } ],
              "phoneNumbers": [ { "value": "555-555-5555", "type": "work" } ],
              "{{EnterpriseUrn}}": { "employeeNumber": "701984", "costCenter": "4130", "organization": "Universal Studios",
                                    "division": "Theme Park", "department": "Tour Operations",
                                    "manager": { "value": "u2", "displayName": "John Smith" } },
              "{{TestUrn}}": { "loginCount": 42, "score": 97.5, "lastLogin": "2024-04-30T17:45:00Z", "avatar": "aGVsbG8=",
                              "verified": true, "badgeCode": "Gold-1", "homepage": "https://example.com/~bjensen",
                              "tags": ["alpha", "Beta"], "readings": [3, 14, 15] },
              "{{AcmeUrn}}": { "costCenterCode": "CC-100", "level": 3, "flags": ["vip", "Remote"], "sponsor": { "value": "Acme Corp" } }
            }
            """),
        ("u2", $$"""
            {
              "userName": "jsmith", "externalId": "ext-jsmith", "displayName": "John Smith", "active": false,
              "name": { "familyName": "Smith", "givenName": "John" },
              "emails": [ { "value": "jsmith@example.com", "type": "work", "primary": false } ],
              "{{EnterpriseUrn}}": { "employeeNumber": "11", "department": "Sales" },
              "{{TestUrn}}": { "loginCount": 7, "score": 12.25, "lastLogin": "2024-05-01T10:00:00+02:00", "verified": false,
                              "tags": ["beta"], "readings": [] }
            }
            """),
        ("u3", $$"""
            {
              "userName": "ÉMILE.zola", "displayName": "Émile Zola", "active": true,
              "name": { "familyName": "Zola", "givenName": "Émile" },
              "emails": [ { "value": "emile@example.fr", "type": "work", "primary": true } ],
              "{{AcmeUrn}}": { "level": "3", "costCenterCode": "cc-300" }
            }
            """),
        ("u4", """
            {
              "userName": "mary_ann", "displayName": "Mary-Ann O'Neil", "title": "", "nickName": null,
              "name": { "familyName": "O'Neil", "givenName": "Mary-Ann" }
            }
            """),
        ("u5", $$"""
            {
              "userName": "Zed", "title": "CTO", "active": true,
              "emails": [ { "value": "zed@EXAMPLE.com", "type": "Work" } ],
              "phoneNumbers": [ { "value": "+1 555 0100", "type": "mobile", "primary": true } ],
              "{{EnterpriseUrn}}": { "manager": { "value": "u1" }, "organization": "" },
              "{{TestUrn}}": { "loginCount": 0, "score": -3.5, "lastLogin": "2023-12-31T23:59:59.999Z", "avatar": "AAAA",
                              "verified": true, "badgeCode": "gold-1", "homepage": "HTTPS://EXAMPLE.COM/zed", "tags": ["Alpha"] }
            }
            """),
        ("u6", """
            { "userName": "σίσυφος", "displayName": "ΣΊΣΥΦΟΣ", "active": true, "name": { "familyName": "Σίσυφος" } }
            """),
        ("u7", """
            {
              "userName": "bob", "externalId": "ext-BOB", "name": { "givenName": "Bob", "familyName": "" },
              "emails": [ { "value": "", "type": "other" } ], "addresses": []
            }
            """),
        ("u8", $$"""
            {
              "userName": "alice", "displayName": "Alice Liddell", "active": true,
              "name": { "familyName": "Liddell", "givenName": "Alice" },
              "emails": [ { "value": "alice@wonder.land", "type": "home", "primary": true },
                          { "value": "alice@example.com", "type": "work" } ],
              "{{EnterpriseUrn}}": { "manager": { "value": "u5", "displayName": "Zed" }, "department": "Sales" },
              "{{AcmeUrn}}": { "costCenterCode": "cc-100", "flags": "remote" }
            }
            """),
        ("u9", $$"""
            {
              "userName": "carol", "active": true, "{{EnterpriseUrn}}": {},
              "{{TestUrn}}": { "loginCount": 1000000, "score": 0.001, "readings": [1] }
            }
            """),
        ("u10", """
            {
              "userName": "dave", "displayName": "Dave", "active": false,
              "emails": [ { "value": "dave@example.com", "type": "work", "primary": true } ]
            }
            """),
        ("u11", """
            {
              "userName": "eve%50_off", "displayName": "O'Brien; DROP TABLE resources; --",
              "nickName": "\"quoted\" \u0000 nul", "title": "50% _off_"
            }
            """),
        ("u12", """
            { "userName": "frank", "title": "Tour Guide", "name": { "formatted": "Frank" } }
            """),
    ];

    /// <summary>The document u10 is replaced with after creation (so its version and lastModified move on).</summary>
    public const string UpdatedDave = """
        {
          "userName": "dave", "displayName": "David", "active": true,
          "emails": [ { "value": "dave@example.com", "type": "work", "primary": true },
                      { "value": "david@home.example", "type": "home" } ]
        }
        """;

    public static readonly (string Id, string DisplayName, string? ExternalId, MemberReference[] Members)[] Groups =
    [
        ("g1", "Tour Guides", "grp-1", [new("u1", null, null), new("u12", null, null)]),
        ("g2", "Sales", null, [new("u2", "User", null), new("u8", null, "Alice (sales)")]),
        ("g3", "Everyone", null, [new("g1", null, null), new("g2", "Group", null), new("u3", null, null), new("ghost-1", "User", null)]),
        ("g4", "Empty", null, []),
        ("g5", "émile's group", "GRP-5", [new("u3", null, null)]),
    ];

    public static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;
}
