using Scim.Api.Core.Schema;

namespace Scim.Api.Tests.Core.Filters;

/// <summary>A resource type with an attribute of every SCIM type, for the rules the built-in schemas do not exercise.</summary>
internal static class TestResourceTypes
{
    public const string DeviceSchemaId = "urn:example:schemas:2.0:Device";

    public static readonly SchemaDefinition DeviceSchema = new(
        DeviceSchemaId,
        "Device",
        "A device with one attribute of each type.",
        [
            new AttributeDefinition { Name = "serial", CaseExact = true },
            new AttributeDefinition { Name = "label" },
            new AttributeDefinition { Name = "enabled", Type = AttributeType.Boolean },
            new AttributeDefinition { Name = "ports", Type = AttributeType.Integer },
            new AttributeDefinition { Name = "load", Type = AttributeType.Decimal },
            new AttributeDefinition { Name = "firmware", Type = AttributeType.Binary },
            new AttributeDefinition { Name = "seen", Type = AttributeType.DateTime },
            new AttributeDefinition { Name = "homepage", Type = AttributeType.Reference, CaseExact = true, ReferenceTypes = ["external"] },
            new AttributeDefinition { Name = "alias", Type = AttributeType.Reference, ReferenceTypes = ["external"] },
            new AttributeDefinition { Name = "tags", MultiValued = true },
            new AttributeDefinition { Name = "readings", Type = AttributeType.Integer, MultiValued = true },
            new AttributeDefinition
            {
                Name = "location", Type = AttributeType.Complex,
                SubAttributes =
                [
                    new AttributeDefinition { Name = "building" },
                    new AttributeDefinition { Name = "floor", Type = AttributeType.Integer },
                ],
            },
            new AttributeDefinition
            {
                Name = "owners", Type = AttributeType.Complex, MultiValued = true,
                SubAttributes =
                [
                    new AttributeDefinition { Name = "value", CaseExact = true },
                    new AttributeDefinition { Name = "since", Type = AttributeType.DateTime },
                ],
            },
        ]);

    public static readonly ResourceTypeDefinition Device = new("Device", "/Devices", "Device", DeviceSchema, []);
}
