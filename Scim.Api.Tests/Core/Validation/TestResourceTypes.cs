using System.Text.Json.Nodes;
using Scim.Api.Core.Schema;

namespace Scim.Api.Tests.Core.Validation;

/// <summary>A custom resource type with one attribute of every SCIM type, for the rules built-ins do not exercise.</summary>
internal static class TestResourceTypes
{
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

    public static readonly ResourceTypeDefinition Device = new(
        "Device", "/Devices", "Devices", DeviceSchema, [new SchemaExtension(WarrantySchema, false)]);

    public static readonly ResourceTypeDefinition DeviceWithRequiredWarranty = Device with
    {
        Extensions = [new SchemaExtension(WarrantySchema, true)],
    };

    private static SchemaDefinition SchemaLoaderParse(string json) => SchemaLoader.ParseSchema(JsonNode.Parse(json)!.AsObject());
}
