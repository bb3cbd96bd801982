using MongoDB.Bson;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Paging;
using Scim.Api.Core.Schema;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// How a query is ordered (RFC 7644 §3.4.2.3): ties and unsorted queries keep creation order (creation ticks, then
/// the id), so pages never overlap. See <see cref="MongoSortPlan"/>.
/// </summary>
internal static class MongoSort
{
    private const string ValueField = "_sortValue";
    private const string MissingField = "_sortMissing";
    private const string KeyField = "_sortKey";

    public static MongoSortPlan Plan(ResourceTypeDefinition type, SortSpec? sort)
    {
        if (sort is null)
        {
            return MongoSortPlan.Indexed(CreationOrder(1));
        }

        var direction = sort.Descending ? -1 : 1;
        var location = Locate(type, sort);
        switch (location.Kind)
        {
            case MongoAttributeKind.Shadow when location.Field == MongoFields.ResourceId:
                // Ids are unique within a type: the id alone is a total order (index "id").
                return MongoSortPlan.Indexed(new BsonDocument(MongoFields.ResourceId, direction));
            case MongoAttributeKind.Shadow when location.Field == MongoFields.ResourceType:
                return MongoSortPlan.Indexed(CreationOrder(1));
            case MongoAttributeKind.Date when location.Field == MongoFields.CreatedTicks:
                // Index "scope" ascending, "created_desc" walked backward descending.
                return MongoSortPlan.Indexed(new BsonDocument { { MongoFields.CreatedTicks, direction }, { MongoFields.ResourceId, 1 } });
            case MongoAttributeKind.Date:
                // Indexes "lastModified_asc" and "lastModified_desc".
                return MongoSortPlan.Indexed(new BsonDocument(MongoFields.LastModifiedTicks, direction).AddRange(CreationOrder(1)));
            case MongoAttributeKind.Document when location.UniqueField is { } unique && location.Resolved.Definition is { Required: true }:
                return Unique(unique, direction);
            case MongoAttributeKind.Version:
                // Not index-served: nothing sorts by version but diagnostics, and an index would cost every write.
                return new MongoSortPlan([], new BsonDocument(MongoFields.Version, direction).AddRange(CreationOrder(1)), null, IndexServed: false);
            default:
                return Computed(location, direction);
        }
    }

    /// <summary>The default order, which is also every tie-break: creation ticks, then id (index "scope").</summary>
    public static BsonDocument CreationOrder(int direction) =>
        new() { { MongoFields.CreatedTicks, direction }, { MongoFields.ResourceId, direction } };

    // A required unique attribute has one value per resource, no two alike: sorted alone, it is a total order, and the
    // partial unique index serves it once the query says the value exists (as it always does).
    private static MongoSortPlan Unique(string field, int direction) => new(
        [],
        new BsonDocument(field, direction),
        new BsonDocument(field, new BsonDocument("$exists", true)),
        IndexServed: true);

    // Any other attribute sorts on a key computed per resource, so MongoDB sorts the matches in memory: the value from
    // the folded copy (folded text orders as the SQLite store orders it), instants for dateTimes, and for a multi-valued
    // attribute the primary value, else the first. Resources without a value come last ascending and first descending.
    private static MongoSortPlan Computed(MongoAttributeLocation location, int direction)
    {
        var value = "$" + ValueField;
        var key = location switch
        {
            { UniqueField: { } unique } => (BsonValue)("$" + unique),
            { Type: AttributeType.DateTime } => new BsonDocument("$cond", new BsonDocument
            {
                { "if", new BsonDocument("$eq", new BsonArray { new BsonDocument("$type", value), "string" }) },
                { "then", new BsonDocument("$dateFromString", new BsonDocument { { "dateString", value }, { "onError", BsonNull.Value } }) },
                { "else", value },
            }),
            _ => value,
        };
        return new MongoSortPlan(
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
            ],
            new BsonDocument { { MissingField, direction }, { KeyField, direction } }.AddRange(CreationOrder(1)),
            null,
            IndexServed: false);
    }

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
        if (location.Kind != MongoAttributeKind.Document || !location.MultiValued)
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
                            { "field", new BsonDocument("$literal", location.SubField!) },
                            { "input", "$$chosen" },
                        })
                    },
                    { "else", BsonNull.Value },
                })
            },
        });
    }
}

/// <summary>
/// The order of a query: the stages that compute a sort key (none when the order is on stored fields), the
/// <c>$sort</c> itself, and a condition the query must add for the index to serve the order (a partial index serves
/// only queries that imply its filter). <see cref="IndexServed"/> orders come from an index walk, so a page reads only
/// its own resources; the others sort the filtered matches in memory (bounded by the query's time limit).
/// </summary>
internal sealed record MongoSortPlan(IReadOnlyList<BsonDocument> Computed, BsonDocument Sort, BsonDocument? Requires, bool IndexServed)
{
    public static MongoSortPlan Indexed(BsonDocument sort) => new([], sort, null, IndexServed: true);

    /// <summary>The (field, direction) pairs of the <c>$sort</c>.</summary>
    public IReadOnlyList<(string Field, int Direction)> Fields => [.. Sort.Select(e => (e.Name, e.Value.ToInt32()))];

    /// <summary>The computed stages followed by the <c>$sort</c>.</summary>
    public IReadOnlyList<BsonDocument> Stages => [.. Computed, new BsonDocument("$sort", Sort)];
}
