using MongoDB.Bson;
using MongoDB.Bson.IO;
using Scim.Api.Core.Errors;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// Keyset paging (RFC 9865 cursors) over the order <see cref="MongoSort"/> plans: a position is the values of the
/// <c>$sort</c> fields of one resource, and "after it" is the lexicographic condition on those fields. When an index
/// serves the order, every sort field is a stored field each resource holds, and the condition is a range on the
/// first field (<c>$gte</c>) refined by the exact lexicographic <c>$or</c>: the server seeks to the position on the
/// index and reads on, a page costing its own size however deep it is. Computed sort fields compare with
/// <c>$expr</c>, whose comparison spans BSON types in the same order as <c>$sort</c>.
/// </summary>
internal static class MongoKeyset
{
    private static readonly JsonWriterSettings Canonical = new() { OutputMode = JsonOutputMode.CanonicalExtendedJson, Indent = false };

    /// <summary>The <c>$sort</c> with every direction reversed, for reading a page backward.</summary>
    public static BsonDocument Reversed(BsonDocument sort)
    {
        var reversed = new BsonDocument();
        foreach (var element in sort)
        {
            reversed.Add(element.Name, -element.Value.ToInt32());
        }

        return reversed;
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
    /// <paramref name="stored"/> says every field is stored in every resource (an index-served order).
    /// </summary>
    public static BsonDocument Beyond(IReadOnlyList<(string Field, int Direction)> fields, BsonArray anchor, bool backward, bool inclusive, bool stored)
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
                terms.Add(Compare(fields[j].Field, "$eq", anchor[j], stored));
            }

            if (i < fields.Count)
            {
                var ascending = fields[i].Direction > 0 != backward;
                terms.Add(Compare(fields[i].Field, ascending ? "$gt" : "$lt", anchor[i], stored));
            }

            alternatives.Add(terms.Count == 1 ? terms[0] : new BsonDocument("$and", terms));
        }

        var lexicographic = alternatives.Count == 1 ? alternatives[0].AsBsonDocument : new BsonDocument("$or", alternatives);
        if (!stored)
        {
            return lexicographic;
        }

        // The bound on the first field is what the planner turns into index bounds; the $or only refines within them.
        var firstAscending = fields[0].Direction > 0 != backward;
        var bound = new BsonDocument(fields[0].Field, new BsonDocument(firstAscending ? "$gte" : "$lte", anchor[0]));
        return alternatives.Count == 1 && fields.Count == 1 && !inclusive ? lexicographic : new BsonDocument("$and", new BsonArray { bound, lexicographic });
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

    private static BsonDocument Compare(string field, string op, BsonValue value, bool stored)
    {
        if (stored)
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
