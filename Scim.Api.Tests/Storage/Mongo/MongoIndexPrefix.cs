using MongoDB.Bson;
using Scim.Api.Storage.Mongo;

namespace Scim.Api.Tests.Storage.Mongo;

/// <summary>
/// Which declared index serves a rendered query, read as MongoDB's planner reads one (equality, sort, range): the
/// index's leading keys must all be equality fields of the query (in any order), and the query's sort must follow
/// them exactly, or exactly reversed (an index walks both ways). A partial index counts only when the query names
/// its filter's field. Where the equalities pin a unique key (a unique index's fields, or tenant, type and id), at
/// most one document matches and the sort needs no index.
/// </summary>
internal static class MongoIndexPrefix
{
    public sealed record Serving(string Index, int EqualityKeys);

    public static Serving? Find(BsonDocument match, BsonDocument? sort, IEnumerable<MongoIndexDefinition> indexes, IEnumerable<string>? extraEqualities = null)
    {
        var equalities = Equalities(match).Concat(extraEqualities ?? []).ToHashSet(StringComparer.Ordinal);
        var named = Named(match).ToHashSet(StringComparer.Ordinal);
        var sortFields = sort?.Select(element => (element.Name, element.Value.ToInt32())).ToList() ?? [];
        Serving? best = null;
        if (equalities.Contains("_id") && sortFields.Count == 0)
        {
            return new Serving("_id_", 1);
        }

        foreach (var index in indexes)
        {
            if (index.PartialFilter is not null && !index.PartialFilter.Names.All(named.Contains))
            {
                continue;
            }

            var keys = index.Keys.Select(element => (element.Name, element.Value.ToInt32())).ToList();
            var k = 0;
            while (k < keys.Count && equalities.Contains(keys[k].Name))
            {
                k++;
            }

            // Sorting on a field the query fixes orders nothing: such leading sort fields are skipped.
            var sortAfterEqualities = sortFields.SkipWhile(field => equalities.Contains(field.Name)).ToList();
            if (k == 0 && sortAfterEqualities.Count == 0)
            {
                continue;
            }

            var pinsOne = (index.Unique && k == keys.Count)
                || (keys.Take(k).Select(key => key.Name).ToHashSet() is var pinned && pinned.IsSupersetOf([MongoFields.Tenant, MongoFields.ResourceType, MongoFields.ResourceId]));
            if (!pinsOne && !SortFollows(keys.Skip(k).ToList(), sortAfterEqualities))
            {
                continue;
            }

            if (best is null || k > best.EqualityKeys)
            {
                best = new Serving(index.Name, k);
            }
        }

        return best;
    }

    private static bool SortFollows(List<(string Name, int Direction)> rest, List<(string Name, int Direction)> sort)
    {
        if (sort.Count > rest.Count)
        {
            return false;
        }

        var forward = sort.Select((field, i) => rest[i] == field).All(same => same);
        var backward = sort.Select((field, i) => rest[i] == (field.Name, -field.Direction)).All(same => same);
        return forward || backward;
    }

    // Top-level fields compared by equality ({ f: v }, { f: { $in: [...] } }), looking into a top-level $and.
    private static IEnumerable<string> Equalities(BsonDocument match)
    {
        foreach (var element in match)
        {
            if (element.Name == "$and")
            {
                foreach (var inner in element.Value.AsBsonArray.SelectMany(condition => Equalities(condition.AsBsonDocument)))
                {
                    yield return inner;
                }
            }
            else if (!element.Name.StartsWith('$') && (element.Value is not BsonDocument and not BsonRegularExpression
                || element.Value is BsonDocument { ElementCount: 1 } only && only.GetElement(0).Name == "$in"
                || element.Value is BsonDocument { ElementCount: > 0 } embedded && !embedded.GetElement(0).Name.StartsWith('$')))
            {
                yield return element.Name;
            }
        }
    }

    private static IEnumerable<string> Named(BsonDocument match) =>
        match.SelectMany(element => element.Name == "$and"
            ? element.Value.AsBsonArray.SelectMany(condition => Named(condition.AsBsonDocument))
            : element.Name.StartsWith('$') ? [] : [element.Name]);
}
