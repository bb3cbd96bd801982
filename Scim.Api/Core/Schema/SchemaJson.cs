using System.Text.Json.Nodes;

namespace Scim.Api.Core.Schema;

/// <summary>The discovery representations of schemas (RFC 7643 §7, §8.7) and resource types (RFC 7643 §6, §8.6).</summary>
public static class SchemaJson
{
    public static JsonObject ToJson(SchemaDefinition schema, string? location)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemaIds.Schema),
            ["id"] = schema.Id,
            ["name"] = schema.Name,
            ["description"] = schema.Description,
            ["attributes"] = new JsonArray([.. schema.Attributes.Select(Attribute)]),
            ["meta"] = Meta("Schema", location),
        };
    }

    public static JsonObject ToJson(ResourceTypeDefinition type, string? location)
    {
        ArgumentNullException.ThrowIfNull(type);
        var json = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemaIds.ResourceType),
            ["id"] = type.Name,
            ["name"] = type.Name,
            ["endpoint"] = type.Endpoint,
            ["description"] = type.Description,
            ["schema"] = type.Schema.Id,
        };
        if (type.Extensions.Count > 0)
        {
            json["schemaExtensions"] = new JsonArray([
                .. type.Extensions.Select(e => new JsonObject { ["schema"] = e.Schema.Id, ["required"] = e.Required }),
            ]);
        }

        json["meta"] = Meta("ResourceType", location);
        return json;
    }

    internal static string TypeName(AttributeType type) => type switch
    {
        AttributeType.Boolean => "boolean",
        AttributeType.Decimal => "decimal",
        AttributeType.Integer => "integer",
        AttributeType.DateTime => "dateTime",
        AttributeType.Binary => "binary",
        AttributeType.Reference => "reference",
        AttributeType.Complex => "complex",
        _ => "string",
    };

    internal static string MutabilityName(Mutability mutability) => mutability switch
    {
        Mutability.ReadOnly => "readOnly",
        Mutability.Immutable => "immutable",
        Mutability.WriteOnly => "writeOnly",
        _ => "readWrite",
    };

    internal static string ReturnedName(Returned returned) => returned switch
    {
        Returned.Always => "always",
        Returned.Never => "never",
        Returned.Request => "request",
        _ => "default",
    };

    internal static string UniquenessName(Uniqueness uniqueness) => uniqueness switch
    {
        Uniqueness.Server => "server",
        Uniqueness.Global => "global",
        _ => "none",
    };

    private static JsonObject Attribute(AttributeDefinition attribute)
    {
        var json = new JsonObject
        {
            ["name"] = attribute.Name,
            ["type"] = TypeName(attribute.Type),
            ["multiValued"] = attribute.MultiValued,
            ["description"] = attribute.Description,
            ["required"] = attribute.Required,
        };
        if (attribute.Type == AttributeType.Complex)
        {
            json["subAttributes"] = new JsonArray([.. attribute.SubAttributes.Select(Attribute)]);
        }
        else
        {
            json["caseExact"] = attribute.CaseExact;
        }

        if (attribute.CanonicalValues.Count > 0)
        {
            json["canonicalValues"] = new JsonArray([.. attribute.CanonicalValues.Select(v => (JsonNode)v)]);
        }

        if (attribute.Type == AttributeType.Reference)
        {
            json["referenceTypes"] = new JsonArray([.. attribute.ReferenceTypes.Select(v => (JsonNode)v)]);
        }

        json["mutability"] = MutabilityName(attribute.Mutability);
        json["returned"] = ReturnedName(attribute.Returned);
        json["uniqueness"] = UniquenessName(attribute.Uniqueness);
        return json;
    }

    private static JsonObject Meta(string resourceType, string? location)
    {
        var meta = new JsonObject { ["resourceType"] = resourceType };
        if (location is not null)
        {
            meta["location"] = location;
        }

        return meta;
    }
}
