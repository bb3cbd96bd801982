namespace Scim.Api.Core.Schema;

/// <summary>The attributes every resource carries (RFC 7643 §3.1): id, externalId and meta.</summary>
public static class CommonAttributes
{
    public const string Id = "id";
    public const string ExternalId = "externalId";
    public const string Meta = "meta";
    public const string Schemas = "schemas";

    public static readonly SchemaDefinition Schema = new(
        "urn:ietf:params:scim:schemas:common:2.0",
        "Common",
        "Attributes common to all resources (RFC 7643 §3.1).",
        [
            new AttributeDefinition
            {
                Name = Id, CaseExact = true, Mutability = Mutability.ReadOnly, Returned = Returned.Always,
                Uniqueness = Uniqueness.Server, Description = "Unique identifier assigned by the service provider.",
            },
            new AttributeDefinition
            {
                Name = ExternalId, CaseExact = true, Description = "Identifier of the resource in the provisioning client.",
            },
            new AttributeDefinition
            {
                Name = Meta, Type = AttributeType.Complex, Mutability = Mutability.ReadOnly,
                Description = "Resource metadata.",
                SubAttributes =
                [
                    new AttributeDefinition { Name = "resourceType", CaseExact = true, Mutability = Mutability.ReadOnly },
                    new AttributeDefinition { Name = "created", Type = AttributeType.DateTime, Mutability = Mutability.ReadOnly },
                    new AttributeDefinition { Name = "lastModified", Type = AttributeType.DateTime, Mutability = Mutability.ReadOnly },
                    new AttributeDefinition
                    {
                        Name = "location", Type = AttributeType.Reference, CaseExact = true, Mutability = Mutability.ReadOnly,
                        ReferenceTypes = ["uri"],
                    },
                    new AttributeDefinition { Name = "version", CaseExact = true, Mutability = Mutability.ReadOnly },
                ],
            },
        ]);
}
