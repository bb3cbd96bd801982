using MongoDB.Bson;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Paging;
using Scim.Api.Core.Schema;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// The aggregation stages that order a query (RFC 7644 §3.4.2.3). Ties and unsorted queries fall back to creation
/// order (then the id), so paging is stable. Shadow fields (id, meta dates, version, folded userName / Group displayName) sort over their
/// indexes; other attributes sort on a computed key: upper-cased text when caseExact=false (the order of OrdinalIgnoreCase), instants for dateTimes,
/// and for a multi-valued attribute the primary value, else the first. Resources without a value come last when
/// ascending and first when descending.
/// </summary>
internal static class MongoSort
{
    private const string ValueField = "_sortValue";
    private const string MissingField = "_sortMissing";
    private const string KeyField = "_sortKey";

    public static IReadOnlyList<BsonDocument> Stages(ResourceTypeDefinition type, SortSpec? sort)
    {
        if (sort is null)
        {
            return [new BsonDocument("$sort", CreationOrder())];
        }

        var direction = sort.Descending ? -1 : 1;
        var location = Locate(type, sort);
        var indexed = location.Kind switch
        {
            MongoAttributeKind.Date or MongoAttributeKind.Version => location.Field,
            MongoAttributeKind.Shadow when location.Field != MongoFields.ExternalId => location.Field,
            MongoAttributeKind.Document when location.FoldedField is not null && location.Resolved.Definition is { Required: true } => location.FoldedField,
            _ => null,
        };
        if (indexed == MongoFields.ResourceId)
        {
            return [new BsonDocument("$sort", new BsonDocument(MongoFields.ResourceId, direction))];
        }

        if (indexed is not null)
        {
            return [new BsonDocument("$sort", new BsonDocument(indexed, direction).AddRange(CreationOrder()))];
        }

        var value = "$" + ValueField;
        var key = location switch
        {
            { FoldedField: { } folded } => (BsonValue)("$" + folded),
            { Type: AttributeType.DateTime } => new BsonDocument("$cond", new BsonDocument
            {
                { "if", IsString(value) },
                { "then", new BsonDocument("$dateFromString", new BsonDocument { { "dateString", value }, { "onError", BsonNull.Value } }) },
                { "else", value },
            }),
            { CaseExact: false, Type: AttributeType.String or AttributeType.Reference } => new BsonDocument("$cond", new BsonDocument
            {
                { "if", IsString(value) },
                { "then", new BsonDocument("$toUpper", value) },
                { "else", value },
            }),
            _ => value,
        };
        return
        [
            new BsonDocument("$addFields", new BsonDocument(ValueField, ValueOf(location))),
            new BsonDocument("$addFields", new BsonDocument
            {
                {
                    MissingField, new BsonDocument("$cond", new BsonDocument
                    {
                        { "if", new BsonDocument("$in", new BsonArray { new BsonDocument("$type", value), new BsonArray { "missing", "null" } }) },
                        { "then", 1 },
                        { "else", 0 },
                    })
                },
                { KeyField, key },
            }),
            new BsonDocument("$sort", new BsonDocument { { MissingField, direction }, { KeyField, direction } }.AddRange(CreationOrder())),
        ];
    }

    private static BsonDocument CreationOrder() => new() { { MongoFields.CreatedTicks, 1 }, { MongoFields.ResourceId, 1 } };

    private static MongoAttributeLocation Locate(ResourceTypeDefinition type, SortSpec sort)
    {
        MongoAttributeLocation location;
        try
        {
            location = MongoAttributeLocation.Resolve(type, sort.By);
        }
        catch (ScimException exception)
        {
            throw ScimException.InvalidValue($"sortBy '{sort.By}' cannot be used: {exception.Detail}");
        }

        if (location.Kind == MongoAttributeKind.Absent)
        {
            throw ScimException.InvalidValue($"sortBy '{sort.By}' cannot be used: it is computed from the request's base URL and is not stored.");
        }

        if (location.Kind == MongoAttributeKind.Membership)
        {
            throw ScimException.InvalidValue($"sortBy '{sort.By}' cannot be used: memberships are not sortable; sort on another attribute.");
        }

        // A complex attribute sorts by its "value" sub-attribute, as a filter compares it.
        if (location.Kind == MongoAttributeKind.Document && location.Resolved.Target is { Type: AttributeType.Complex } complex && !location.HasSubAttribute)
        {
            var valueSub = complex.FindSubAttribute("value")
                ?? throw ScimException.InvalidValue($"sortBy '{sort.By}' names a complex attribute; sort on one of its sub-attributes.");
            location = MongoAttributeLocation.Resolve(type, sort.By with { SubAttribute = valueSub.Name });
        }

        return location;
    }

    // The value to sort by: for a multi-valued complex attribute the "primary" value's sub-attribute, else the first.
    private static BsonValue ValueOf(MongoAttributeLocation location)
    {
        if (location.Kind != MongoAttributeKind.Document)
        {
            return "$" + location.Field;
        }

        if (!location.MultiValued)
        {
            return "$" + location.Field;
        }

        var values = MongoExpressions.AsArray("$" + location.AttributeField);
        var primaryFirst = new BsonDocument("$concatArrays", new BsonArray
        {
            new BsonDocument("$filter", new BsonDocument
            {
                { "input", values },
                { "cond", new BsonDocument("$eq", new BsonArray { "$$this.primary", true }) },
            }),
            values.DeepClone(),
        });
        var chosen = new BsonDocument("$first", primaryFirst);
        if (!location.HasSubAttribute)
        {
            return chosen;
        }

        return new BsonDocument("$let", new BsonDocument
        {
            { "vars", new BsonDocument("chosen", chosen) },
            {
                "in", new BsonDocument("$cond", new BsonDocument
                {
                    { "if", new BsonDocument("$eq", new BsonArray { new BsonDocument("$type", "$$chosen"), "object" }) },
                    {
                        "then", new BsonDocument("$getField", new BsonDocument
                        {
                            { "field", new BsonDocument("$literal", MongoFieldNames.Encode(location.Resolved.SubAttributeName!)) },
                            { "input", "$$chosen" },
                        })
                    },
                    { "else", BsonNull.Value },
                })
            },
        });
    }

    private static BsonDocument IsString(string value) => new("$eq", new BsonArray { new BsonDocument("$type", value), "string" });
}
