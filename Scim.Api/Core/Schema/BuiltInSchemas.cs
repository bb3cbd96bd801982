namespace Scim.Api.Core.Schema;

/// <summary>The schemas of RFC 7643 §4: core User, core Group and the enterprise User extension.</summary>
public static class BuiltInSchemas
{
    public static readonly SchemaDefinition User = new(
        ScimSchemaIds.User,
        "User",
        "User Account",
        [
            new AttributeDefinition { Name = "userName", Required = true, Uniqueness = Uniqueness.Server },
            new AttributeDefinition
            {
                Name = "name", Type = AttributeType.Complex,
                SubAttributes =
                [
                    new AttributeDefinition { Name = "formatted" },
                    new AttributeDefinition { Name = "familyName" },
                    new AttributeDefinition { Name = "givenName" },
                    new AttributeDefinition { Name = "middleName" },
                    new AttributeDefinition { Name = "honorificPrefix" },
                    new AttributeDefinition { Name = "honorificSuffix" },
                ],
            },
            new AttributeDefinition { Name = "displayName" },
            new AttributeDefinition { Name = "active", Type = AttributeType.Boolean },
            new AttributeDefinition { Name = "password", Mutability = Mutability.WriteOnly, Returned = Returned.Never },
            new AttributeDefinition
            {
                Name = "emails", Type = AttributeType.Complex, MultiValued = true,
                SubAttributes =
                [
                    new AttributeDefinition { Name = "value" },
                    new AttributeDefinition { Name = "display" },
                    new AttributeDefinition { Name = "type", CanonicalValues = ["work", "home", "other"] },
                    new AttributeDefinition { Name = "primary", Type = AttributeType.Boolean },
                ],
            },
            new AttributeDefinition
            {
                Name = "groups", Type = AttributeType.Complex, MultiValued = true, Mutability = Mutability.ReadOnly,
                SubAttributes =
                [
                    new AttributeDefinition { Name = "value", Mutability = Mutability.ReadOnly },
                    new AttributeDefinition
                    {
                        Name = "$ref", Type = AttributeType.Reference, Mutability = Mutability.ReadOnly,
                        ReferenceTypes = ["User", "Group"],
                    },
                    new AttributeDefinition { Name = "display", Mutability = Mutability.ReadOnly },
                    new AttributeDefinition { Name = "type", Mutability = Mutability.ReadOnly, CanonicalValues = ["direct", "indirect"] },
                ],
            },
        ]);

    public static readonly SchemaDefinition EnterpriseUser = new(
        ScimSchemaIds.EnterpriseUser,
        "EnterpriseUser",
        "Enterprise User",
        [
            new AttributeDefinition { Name = "employeeNumber" },
            new AttributeDefinition { Name = "costCenter" },
            new AttributeDefinition { Name = "organization" },
            new AttributeDefinition { Name = "division" },
            new AttributeDefinition { Name = "department" },
            new AttributeDefinition
            {
                Name = "manager", Type = AttributeType.Complex,
                SubAttributes =
                [
                    new AttributeDefinition { Name = "value" },
                    new AttributeDefinition { Name = "$ref", Type = AttributeType.Reference, ReferenceTypes = ["User"] },
                    new AttributeDefinition { Name = "displayName", Mutability = Mutability.ReadOnly },
                ],
            },
        ]);

    public static readonly SchemaDefinition Group = new(
        ScimSchemaIds.Group,
        "Group",
        "Group",
        [
            new AttributeDefinition { Name = "displayName", Required = true, Uniqueness = Uniqueness.Server },
            new AttributeDefinition
            {
                Name = "members", Type = AttributeType.Complex, MultiValued = true,
                SubAttributes =
                [
                    new AttributeDefinition { Name = "value", Mutability = Mutability.Immutable },
                    new AttributeDefinition
                    {
                        Name = "$ref", Type = AttributeType.Reference, Mutability = Mutability.Immutable,
                        ReferenceTypes = ["User", "Group"],
                    },
                    new AttributeDefinition { Name = "display" },
                    new AttributeDefinition { Name = "type", Mutability = Mutability.Immutable, CanonicalValues = ["User", "Group"] },
                ],
            },
        ]);

    public static readonly ResourceTypeDefinition UserResourceType = new(
        "User", "/Users", "User Account", User, [new SchemaExtension(EnterpriseUser, false)]);

    public static readonly ResourceTypeDefinition GroupResourceType = new("Group", "/Groups", "Group", Group, []);
}
