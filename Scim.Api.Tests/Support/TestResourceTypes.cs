using System.Text.Json.Nodes;
using Scim.Api.Core.Schema;

namespace Scim.Api.Tests.Support;

/// <summary>
/// The custom resource types the tests use, for the rules the built-in schemas do not exercise: one place for them all.
/// </summary>
internal static class TestResourceTypes
{
    public const string FilterDeviceSchemaId = "urn:example:schemas:2.0:Device";

    public static readonly SchemaDefinition FilterDeviceSchema = new(
        FilterDeviceSchemaId,
        "Device",
        "A device with one attribute of each type.",
        [
            new AttributeDefinition { Name = "serial", CaseExact = true },
            new AttributeDefinition { Name = "serialNumber", Mutability = Mutability.Immutable },
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

    /// <summary>One attribute of every SCIM type, for filters, evaluation and PATCH rules.</summary>
    public static readonly ResourceTypeDefinition FilterDevice = new("Device", "/Devices", "Device", FilterDeviceSchema, []);

    /// <summary>A device whose ports are complex values and whose serial is server-unique: for the stores' typed comparisons and indexes.</summary>
    public static readonly ResourceTypeDefinition TypedDevice = new(
        "Device",
        "/Devices",
        "Device",
        new SchemaDefinition("urn:example:schemas:2.0:Device", "Device", "", [
            new AttributeDefinition { Name = "serial", CaseExact = true, Uniqueness = Uniqueness.Server },
            new AttributeDefinition { Name = "label" },
            new AttributeDefinition { Name = "slots", Type = AttributeType.Integer },
            new AttributeDefinition { Name = "ratio", Type = AttributeType.Decimal },
            new AttributeDefinition { Name = "lastSeen", Type = AttributeType.DateTime },
            new AttributeDefinition { Name = "enabled", Type = AttributeType.Boolean },
            new AttributeDefinition { Name = "photo", Type = AttributeType.Binary },
            new AttributeDefinition { Name = "tags", MultiValued = true },
            new AttributeDefinition
            {
                Name = "ports", Type = AttributeType.Complex, MultiValued = true,
                SubAttributes =
                [
                    new AttributeDefinition { Name = "value", Type = AttributeType.Integer },
                    new AttributeDefinition { Name = "since", Type = AttributeType.DateTime },
                    new AttributeDefinition { Name = "kind", CaseExact = true },
                ],
            },
        ]),
        []);

    public const string DeviceUrn = "urn:example:params:scim:schemas:core:2.0:Device";
    public const string WarrantyUrn = "urn:example:params:scim:schemas:extension:warranty:2.0:Device";

    public static readonly SchemaDefinition DeviceSchema = SchemaLoaderParse($$"""
        {
          "id": "{{DeviceUrn}}", "name": "Device",
          "attributes": [
            { "name": "serialNumber", "required": true, "caseExact": true },
            { "name": "slots", "type": "integer" },
            { "name": "weight", "type": "decimal" },
            { "name": "enrolled", "type": "dateTime", "mutability": "immutable" },
            { "name": "firmware", "type": "binary" },
            { "name": "homepage", "type": "reference", "referenceTypes": ["external"] },
            { "name": "tags", "multiValued": true },
            { "name": "platform", "mutability": "immutable" },
            { "name": "secret", "mutability": "writeOnly", "returned": "never" },
            { "name": "diagnostics", "returned": "request" },
            { "name": "assetTag", "returned": "always" },
            { "name": "owner", "type": "complex", "subAttributes": [
                { "name": "value", "required": true }, { "name": "badge", "mutability": "immutable" },
                { "name": "display", "mutability": "readOnly" }, { "name": "note", "returned": "request" },
                { "name": "pin", "returned": "never" }, { "name": "kind", "returned": "always" } ] },
            { "name": "ports", "type": "complex", "multiValued": true, "subAttributes": [
                { "name": "value" }, { "name": "type" }, { "name": "primary", "type": "boolean" } ] }
          ]
        }
        """);

    public static readonly SchemaDefinition WarrantySchema = SchemaLoaderParse($$"""
        {
          "id": "{{WarrantyUrn}}", "name": "Warranty",
          "attributes": [ { "name": "provider", "required": true }, { "name": "years", "type": "integer" } ]
        }
        """);

    /// <summary>Every characteristic (required, mutability, returned) and an extension: for validation and projection.</summary>
    public static readonly ResourceTypeDefinition Device = new(
        "Device", "/Devices", "Devices", DeviceSchema, [new SchemaExtension(WarrantySchema, false)]);

    public static readonly ResourceTypeDefinition DeviceWithRequiredWarranty = Device with
    {
        Extensions = [new SchemaExtension(WarrantySchema, true)],
    };

    private static SchemaDefinition SchemaLoaderParse(string json) => SchemaLoader.ParseSchema(JsonNode.Parse(json)!.AsObject());
}
