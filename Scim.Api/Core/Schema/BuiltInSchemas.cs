namespace Scim.Api.Core.Schema;

/// <summary>
/// The schemas of RFC 7643 §4 (core User, core Group, enterprise User extension) with the characteristics of
/// their representations in §8.7.1 and §8.7.2, and the two resource types of §8.6.
/// </summary>
public static class BuiltInSchemas
{
    public static readonly SchemaDefinition User = new(
        ScimSchemaIds.User,
        "User",
        "User Account",
        [
            // Uniqueness and case-insensitivity of userName: RFC 7643 §4.1.1.
            Text("userName", "Unique identifier the user authenticates with; required and unique on this service.") with
            {
                Required = true, Uniqueness = Uniqueness.Server,
            },
            new AttributeDefinition
            {
                Name = "name", Type = AttributeType.Complex, Description = "The parts of the user's real name.",
                SubAttributes =
                [
                    Text("formatted", "The full name as it should be displayed."),
                    Text("familyName", "The family name (last name in most Western languages)."),
                    Text("givenName", "The given name (first name in most Western languages)."),
                    Text("middleName", "The middle name(s)."),
                    Text("honorificPrefix", "Titles before the name, such as 'Ms.'."),
                    Text("honorificSuffix", "Suffixes after the name, such as 'III'."),
                ],
            },
            Text("displayName", "The name shown to end users."),
            Text("nickName", "The casual name of the user."),
            Reference("profileUrl", "A URL to the user's online profile.", ["external"]),
            Text("title", "The user's title, such as 'Vice President'."),
            Text("userType", "The relationship between the organization and the user, such as 'Employee'."),
            Text("preferredLanguage", "The user's preferred written or spoken language (RFC 7231 Accept-Language form)."),
            Text("locale", "The user's default location for localizing currency, dates and numbers (BCP 47 tag)."),
            Text("timezone", "The user's time zone in IANA database format, such as 'Europe/Paris'."),
            new AttributeDefinition
            {
                Name = "active", Type = AttributeType.Boolean, Description = "Whether the user is administratively active.",
            },
            Text("password", "The user's clear-text password; it can be written but is never returned.") with
            {
                Mutability = Mutability.WriteOnly, Returned = Returned.Never,
            },
            MultiValued("emails", "Email addresses of the user.", ["work", "home", "other"]),
            MultiValued("phoneNumbers", "Phone numbers of the user.", ["work", "home", "mobile", "fax", "pager", "other"]),
            MultiValued(
                "ims", "Instant messaging addresses of the user.", ["aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"]),
            MultiValued(
                "photos", "URLs of photos of the user.", ["photo", "thumbnail"],
                Reference("value", "The URL of a photo of the user.", ["external"])),
            new AttributeDefinition
            {
                Name = "addresses", Type = AttributeType.Complex, MultiValued = true,
                Description = "Physical mailing addresses of the user.",
                SubAttributes =
                [
                    Text("formatted", "The full mailing address, formatted for display or mailing labels."),
                    Text("streetAddress", "The street address, with house number and street name."),
                    Text("locality", "The city or locality."),
                    Text("region", "The state or region."),
                    Text("postalCode", "The zip or postal code."),
                    Text("country", "The country name (ISO 3166-1 alpha-2 code)."),
                    Text("type", "The kind of address.") with { CanonicalValues = ["work", "home", "other"] },
                    Primary(),
                ],
            },
            new AttributeDefinition
            {
                Name = "groups", Type = AttributeType.Complex, MultiValued = true, Mutability = Mutability.ReadOnly,
                Description = "The groups the user belongs to, directly or indirectly; managed through the groups.",
                SubAttributes =
                [
                    Text("value", "The id of the group.") with { Mutability = Mutability.ReadOnly },
                    Reference("$ref", "The absolute URI of the group, made by the service from its id and the base URL the request reached; not filterable (filter on value).", ["User", "Group"]) with { Mutability = Mutability.ReadOnly },
                    Text("display", "The name of the group.") with { Mutability = Mutability.ReadOnly },
                    Text("type", "Whether the membership is direct or inherited.") with
                    {
                        Mutability = Mutability.ReadOnly, CanonicalValues = ["direct", "indirect"],
                    },
                ],
            },
            MultiValued("entitlements", "Entitlements of the user.", []),
            MultiValued("roles", "Roles of the user.", []),
            MultiValued(
                "x509Certificates", "X.509 certificates of the user.", [],
                new AttributeDefinition
                {
                    Name = "value", Type = AttributeType.Binary, Description = "The DER-encoded certificate, in base64.",
                }),
        ]);

    public static readonly SchemaDefinition EnterpriseUser = new(
        ScimSchemaIds.EnterpriseUser,
        "EnterpriseUser",
        "Enterprise User",
        [
            Text("employeeNumber", "The identifier the organization assigns to the user."),
            Text("costCenter", "The name of a cost center."),
            Text("organization", "The name of an organization."),
            Text("division", "The name of a division."),
            Text("department", "The name of a department."),
            new AttributeDefinition
            {
                Name = "manager", Type = AttributeType.Complex, Description = "The user's manager.",
                SubAttributes =
                [
                    Text("value", "The id of the manager's User resource."),
                    Reference("$ref", "The absolute URI of the manager's User resource, made by the service from value and the base URL the request reached. A client's $ref (absolute or relative) is read only to find the id when value is missing, and never stored; not filterable (filter on value).", ["User"]),
                    Text("displayName", "The manager's display name, set by the service provider.") with
                    {
                        Mutability = Mutability.ReadOnly,
                    },
                ],
            },
        ]);

    public static readonly SchemaDefinition Group = new(
        ScimSchemaIds.Group,
        "Group",
        "Group",
        [
            // RFC 7643 §8.7.1 marks displayName optional; §4.2 says REQUIRED, and Entra requires unique group names.
            Text("displayName", "The name of the group; required and unique on this service.") with
            {
                Required = true, Uniqueness = Uniqueness.Server,
            },
            new AttributeDefinition
            {
                Name = "members", Type = AttributeType.Complex, MultiValued = true, Description = "The members of the group.",
                SubAttributes =
                [
                    Text("value", "The id of the member resource.") with { Mutability = Mutability.Immutable },
                    Reference("$ref", "The absolute URI of the member resource, made by the service from its id and the base URL the request reached; absent for an id that names no resource of this service. A client's $ref (absolute or relative) is read only to find the id when value is missing, and never stored; not filterable (filter on value).", ["User", "Group"]) with
                    {
                        Mutability = Mutability.Immutable,
                    },
                    Text("display", "The name of the member."),
                    Text("type", "The type of the member resource.") with
                    {
                        Mutability = Mutability.Immutable, CanonicalValues = ["User", "Group"],
                    },
                ],
            },
        ]);

    public static readonly ResourceTypeDefinition UserResourceType = new(
        "User", "/Users", "User Account", User, [new SchemaExtension(EnterpriseUser, false)]);

    public static readonly ResourceTypeDefinition GroupResourceType = new("Group", "/Groups", "Group", Group, []);

    private static AttributeDefinition Text(string name, string description) => new() { Name = name, Description = description };

    private static AttributeDefinition Reference(string name, string description, IReadOnlyList<string> referenceTypes) => new()
    {
        Name = name, Type = AttributeType.Reference, Description = description, ReferenceTypes = referenceTypes,
    };

    private static AttributeDefinition Primary() => new()
    {
        Name = "primary", Type = AttributeType.Boolean, Description = "Whether this is the preferred value; at most one value is.",
    };

    // The value/display/type/primary shape shared by the multi-valued attributes of RFC 7643 §2.4 and §4.1.2.
    private static AttributeDefinition MultiValued(
        string name, string description, IReadOnlyList<string> canonicalTypes, AttributeDefinition? value = null) => new()
    {
        Name = name, Type = AttributeType.Complex, MultiValued = true, Description = description,
        SubAttributes =
        [
            value ?? Text("value", "The value."),
            Text("display", "A human-readable name for the value."),
            Text("type", "A label for the value's function.") with { CanonicalValues = canonicalTypes },
            Primary(),
        ],
    };
}
