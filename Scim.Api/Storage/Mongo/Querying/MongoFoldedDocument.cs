using System.Text.Json;
using System.Text.Json.Nodes;
using MongoDB.Bson;
using Scim.Api.Core.Schema;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// The <c>fold</c> copy of a stored document, which filters and sorts read instead of <c>doc</c>: the same shape, with
/// the text of every caseExact=false string attribute (RFC 7643 §2.2) folded by <see cref="MongoCaseFolding"/> (full
/// case folding and NFKC, the SQLite store's rule). MongoDB's own case-insensitivity (regex <c>/i</c>,
/// <c>$toUpper</c>, collations) folds ASCII or simple case only, or by ICU's rules; with the folded copy an
/// insensitive comparison is an exact one on folded text ("Straße" eq "STRASSE", "ＡＢＣ" eq "abc"), index-friendly,
/// and it orders as the SQLite store orders (binary UTF-8 of the folded text).
/// <para>
/// Attributes no schema declares (undeclared extensions) have neither case rules nor canonical names: all their text
/// is folded, and their names are upper-cased (<see cref="FieldName"/>), so that a filter finds them whatever the case
/// of the name it uses, as the in-memory evaluator does.
/// </para>
/// </summary>
internal static class MongoFoldedDocument
{
    public static BsonDocument Build(ResourceTypeDefinition type, JsonObject storable)
    {
        var folded = new BsonDocument();
        foreach (var (name, value) in storable)
        {
            if ((type.Schema.FindAttribute(name) ?? CommonAttributes.Schema.FindAttribute(name)) is { } core)
            {
                folded[MongoFieldNames.Encode(name)] = Value(value, core);
            }
            else if (string.Equals(name, CommonAttributes.Schemas, StringComparison.OrdinalIgnoreCase))
            {
                folded[MongoFieldNames.Encode(name)] = Value(value, SchemasAttribute);
            }
            else if (type.Extensions.FirstOrDefault(e => string.Equals(e.Schema.Id, name, StringComparison.OrdinalIgnoreCase)) is { } extension
                && value is JsonObject content)
            {
                var inner = new BsonDocument();
                foreach (var (attribute, attributeValue) in content)
                {
                    var definition = extension.Schema.FindAttribute(attribute);
                    inner[FieldName(attribute, definition is not null)] = Value(attributeValue, definition);
                }

                folded[MongoFieldNames.Encode(name)] = inner;
            }
            else
            {
                folded[FieldName(name, declared: false)] = Value(value, null);
            }
        }

        return folded;
    }

    /// <summary>The field name of an attribute in the folded copy: as stored when declared, upper-cased when not.</summary>
    public static string FieldName(string name, bool declared) => MongoFieldNames.Encode(declared ? name : name.ToUpperInvariant());

    /// <summary>Whether text of <paramref name="definition"/> (null: undeclared) is held folded.</summary>
    public static bool IsFolded(AttributeDefinition? definition) =>
        definition is null || (!definition.CaseExact && definition.Type is AttributeType.String or AttributeType.Reference);

    private static readonly AttributeDefinition SchemasAttribute = new()
    {
        Name = CommonAttributes.Schemas, Type = AttributeType.Reference, MultiValued = true,
    };

    private static BsonValue Value(JsonNode? node, AttributeDefinition? definition) => node switch
    {
        JsonArray array => new BsonArray(array.Select(item => Value(item, definition))),
        JsonObject obj => Complex(obj, definition),
        JsonValue value when value.GetValueKind() == JsonValueKind.String && IsFolded(definition) =>
            new BsonString(MongoCaseFolding.Fold(value.GetValue<string>())),
        _ => MongoJsonConverter.ToBsonValue(node),
    };

    private static BsonDocument Complex(JsonObject obj, AttributeDefinition? definition)
    {
        var folded = new BsonDocument();
        foreach (var (name, value) in obj)
        {
            var sub = definition?.FindSubAttribute(name);
            folded[FieldName(name, sub is not null)] = Value(value, sub);
        }

        return folded;
    }
}
