using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MongoDB.Bson;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Validation;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// Converts SCIM JSON to the BSON stored under <c>doc</c> and back, field names encoded with
/// <see cref="MongoFieldNames"/>. Numbers keep their exact value: integers become Int32 or Int64 by size, every
/// other number a Decimal128 parsed from its text (so <c>1.50</c> keeps its digits). A number that no store can hold
/// exactly (<see cref="StorableNumbers"/>, which Core applies to every write) is refused with 400 rather than
/// rounded, cut to zero or turned into Infinity: nothing is written that cannot be read back. A non-finite double or
/// Decimal128 left by another writer reads as null, so one such value never makes a resource unreadable. Strings
/// stay strings, including dateTimes: filters parse them in the query.
/// </summary>
internal static class MongoJsonConverter
{
    public static BsonDocument ToBson(JsonObject json)
    {
        var document = new BsonDocument();
        foreach (var (name, value) in json)
        {
            document.Add(MongoFieldNames.Encode(name), ToBsonValue(value));
        }

        return document;
    }

    public static JsonObject ToJson(BsonDocument document)
    {
        var json = new JsonObject();
        foreach (var element in document)
        {
            json[MongoFieldNames.Decode(element.Name)] = ToJsonNode(element.Value);
        }

        return json;
    }

    public static BsonValue ToBsonValue(JsonNode? node) => node switch
    {
        null => BsonNull.Value,
        JsonObject obj => ToBson(obj),
        JsonArray array => new BsonArray(array.Select(ToBsonValue)),
        JsonValue value => ToBsonScalar(value),
        _ => throw new InvalidOperationException($"Unexpected JSON node {node.GetType().Name}."),
    };

    public static BsonValue ToBsonNumber(string text)
    {
        if (!text.Contains('.', StringComparison.Ordinal) && !text.Contains('e', StringComparison.OrdinalIgnoreCase))
        {
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var small))
            {
                return new BsonInt32(small);
            }

            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var large))
            {
                return new BsonInt64(large);
            }
        }

        if (!StorableNumbers.IsExact(text))
        {
            throw ScimException.InvalidValue($"The number {text} cannot be stored exactly: {StorableNumbers.Limits}.");
        }

        // An exact zero written with an exponent beyond Decimal128's (0e99999) is still zero.
        return Decimal128.TryParse(text, out var exact) ? new BsonDecimal128(exact) : new BsonInt32(0);
    }

    private static BsonValue ToBsonScalar(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => new BsonString(value.GetValue<string>()),
        JsonValueKind.True => BsonBoolean.True,
        JsonValueKind.False => BsonBoolean.False,
        JsonValueKind.Number => ToBsonNumber(value.ToJsonString()),
        JsonValueKind.Null or JsonValueKind.Undefined => BsonNull.Value,
        var kind => throw new InvalidOperationException($"Unexpected JSON value kind {kind}."),
    };

    private static JsonNode? ToJsonNode(BsonValue value) => value.BsonType switch
    {
        BsonType.Null or BsonType.Undefined => null,
        BsonType.Document => ToJson(value.AsBsonDocument),
        BsonType.Array => new JsonArray([.. value.AsBsonArray.Select(ToJsonNode)]),
        BsonType.String => JsonValue.Create(value.AsString),
        BsonType.Boolean => JsonValue.Create(value.AsBoolean),
        BsonType.Int32 => JsonValue.Create(value.AsInt32),
        BsonType.Int64 => JsonValue.Create(value.AsInt64),
        BsonType.Decimal128 when IsFinite(value.AsDecimal128) => JsonNode.Parse(value.AsDecimal128.ToString()),
        BsonType.Double when double.IsFinite(value.AsDouble) => JsonNode.Parse(value.AsDouble.ToString("R", CultureInfo.InvariantCulture)),
        BsonType.Decimal128 or BsonType.Double => null,
        BsonType.DateTime => JsonValue.Create(value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(value.ToString()),
    };

    private static bool IsFinite(Decimal128 value) => !Decimal128.IsNaN(value) && !Decimal128.IsInfinity(value);
}
