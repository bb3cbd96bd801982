using System.Text.Json.Nodes;
using MongoDB.Bson;
using Scim.Api.Core.Schema;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// The attributes a resource type declares with <c>uniqueness: server</c> (RFC 7643 §2.1) other than <c>id</c>:
/// top-level attributes of the core schema and of its extensions. Each gets a shadow field under
/// <c>unique</c> holding the folded value (or the value itself when the attribute is caseExact), and a unique index.
/// </summary>
internal sealed record MongoUniqueAttribute(string? ExtensionUrn, AttributeDefinition Definition)
{
    /// <summary>The attribute as it appears in errors and in the index name: <c>userName</c> or <c>urn:…:name</c>.</summary>
    public string CanonicalText => ExtensionUrn is null ? Definition.Name : $"{ExtensionUrn}:{Definition.Name}";

    public string Field => MongoFields.UniqueField(CanonicalText);

    public string IndexName => $"unique_{MongoFieldNames.Encode(CanonicalText)}";

    public static IReadOnlyList<MongoUniqueAttribute> Of(ResourceTypeDefinition type)
    {
        var result = new List<MongoUniqueAttribute>();
        AddFrom(type.Schema, null, result);
        foreach (var extension in type.Extensions)
        {
            AddFrom(extension.Schema, extension.Schema.Id, result);
        }

        return result;
    }

    /// <summary>The shadow value for a document, or null when the attribute is absent or empty.</summary>
    public BsonValue? ShadowValue(JsonObject document)
    {
        var node = ShadowSource(document);
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            return text.Length == 0 ? null : new BsonString(IsFolded ? MongoCaseFolding.Fold(text) : text);
        }

        return MongoJsonConverter.ToBsonValue(node);
    }

    /// <summary>The attribute's value in a document.</summary>
    public JsonNode? ShadowSource(JsonObject document)
    {
        var container = ExtensionUrn is null ? document : document[ExtensionUrn] as JsonObject;
        return container?[Definition.Name];
    }

    /// <summary>Whether the shadow holds folded text, so that case-insensitive comparisons can use it.</summary>
    public bool IsFolded => !Definition.CaseExact && Definition.Type is AttributeType.String or AttributeType.Reference;

    private static void AddFrom(SchemaDefinition schema, string? extensionUrn, List<MongoUniqueAttribute> result)
    {
        foreach (var attribute in schema.Attributes)
        {
            if (attribute.Uniqueness == Uniqueness.Server && !attribute.MultiValued
                && !string.Equals(attribute.Name, CommonAttributes.Id, StringComparison.OrdinalIgnoreCase))
            {
                result.Add(new MongoUniqueAttribute(extensionUrn, attribute));
            }
        }
    }
}
