using MongoDB.Bson;
using MongoDB.Bson.IO;
using Scim.Api.Core.Errors;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// Keyset paging (RFC 9865 cursors) over the order <see cref="MongoSort"/> builds: a position is the values of
/// the <c>$sort</c> fields of one resource, and "after it" is the lexicographic condition on those fields. Fields
/// every resource holds (creation ticks, id, version) are compared with plain query operators, so the default
/// order seeks on the (tenant, type, createdTicks, id) index; computed sort fields compare with <c>$expr</c>,
/// whose comparison spans BSON types in the same order as <c>$sort</c>.
/// </summary>
internal static class MongoKeyset
{
    private static readonly HashSet<string> AlwaysPresent = [MongoFields.CreatedTicks, MongoFields.ResourceId, MongoFields.Version];

    private static readonly JsonWriterSettings Canonical = new() { OutputMode = JsonOutputMode.CanonicalExtendedJson, Indent = false };

    /// <summary>The (field, direction) pairs of the final <c>$sort</c> stage.</summary>
    public static IReadOnlyList<(string Field, int Direction)> Fields(IReadOnlyList<BsonDocument> sortStages) =>
        [.. sortStages[^1]["$sort"].AsBsonDocument.Select(e => (e.Name, e.Value.ToInt32()))];

    /// <summary>The same stages with the <c>$sort</c> reversed, for reading a page backward.</summary>
    public static List<BsonDocument> Reversed(IReadOnlyList<BsonDocument> sortStages)
    {
        var stages = sortStages.Take(sortStages.Count - 1).Select(s => s.DeepClone().AsBsonDocument).ToList();
        var reversed = new BsonDocument();
        foreach (var (field, direction) in Fields(sortStages))
        {
            reversed.Add(field, -direction);
        }

        stages.Add(new BsonDocument("$sort", reversed));
        return stages;
    }

    public static string Format(BsonDocument resource, IReadOnlyList<(string Field, int Direction)> fields)
    {
        var values = new BsonArray(fields.Select(f => ValueAt(resource, f.Field)));
        return new BsonDocument("k", values).ToJson(Canonical);
    }

    public static BsonArray Parse(string position, int fieldCount)
    {
        try
        {
            var values = BsonDocument.Parse(position)["k"].AsBsonArray;
            if (values.Count == fieldCount)
            {
                return values;
            }
        }
        catch (Exception exception) when (exception is FormatException or InvalidCastException or KeyNotFoundException or BsonException)
        {
            throw Invalid();
        }

        throw Invalid();
    }

    /// <summary>
    /// Resources strictly after <paramref name="anchor"/> in the order of <paramref name="fields"/> (with each
    /// direction negated when <paramref name="backward"/>), and the anchor itself when <paramref name="inclusive"/>.
    /// </summary>
    public static BsonDocument Beyond(IReadOnlyList<(string Field, int Direction)> fields, BsonArray anchor, bool backward, bool inclusive)
    {
        var alternatives = new BsonArray();
        for (var i = 0; i <= fields.Count; i++)
        {
            if (i == fields.Count && !inclusive)
            {
                break;
            }

            var terms = new BsonArray();
            for (var j = 0; j < i; j++)
            {
                terms.Add(Compare(fields[j].Field, "$eq", anchor[j]));
            }

            if (i < fields.Count)
            {
                var ascending = fields[i].Direction > 0 != backward;
                terms.Add(Compare(fields[i].Field, ascending ? "$gt" : "$lt", anchor[i]));
            }

            alternatives.Add(terms.Count == 1 ? terms[0] : new BsonDocument("$and", terms));
        }

        return new BsonDocument("$or", alternatives);
    }

    /// <summary>The fields to keep beside the stored resource so that its position can be read.</summary>
    public static BsonDocument Projection(IReadOnlyList<(string Field, int Direction)> fields)
    {
        var projection = MongoResourceDocuments.Projection.DeepClone().AsBsonDocument;
        foreach (var (field, _) in fields)
        {
            if (!field.StartsWith("_id", StringComparison.Ordinal) && !projection.Contains(field))
            {
                projection[field] = 1;
            }
        }

        return projection;
    }

    private static BsonDocument Compare(string field, string op, BsonValue value)
    {
        if (AlwaysPresent.Contains(field))
        {
            return op == "$eq" ? new BsonDocument(field, value) : new BsonDocument(field, new BsonDocument(op, value));
        }

        var current = new BsonDocument("$ifNull", new BsonArray { "$" + field, BsonNull.Value });
        return new BsonDocument("$expr", new BsonDocument(op, new BsonArray { current, new BsonDocument("$literal", value) }));
    }

    private static BsonValue ValueAt(BsonDocument document, string path)
    {
        BsonValue current = document;
        foreach (var part in path.Split('.'))
        {
            if (current is not BsonDocument inner || !inner.TryGetValue(part, out current))
            {
                return BsonNull.Value;
            }
        }

        return current;
    }

    private static ScimException Invalid() =>
        ScimException.InvalidCursor("The cursor does not designate a position in this list; start again with an empty cursor.");
}
