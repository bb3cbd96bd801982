using MongoDB.Bson;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Storage;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// The aggregations one list query runs, rendered without a server (so tests read them): the count, a page by index
/// and a page by position. The first <c>$match</c> holds the tenant, the type and every condition that needs no
/// membership row, so the planner can pick an index for it; when an index serves the order, the <c>$sort</c> comes
/// right after it and the membership lookups (<see cref="MongoMembershipLookup"/>) run on the sorted stream, so a page
/// stops reading once it is full. A computed order sorts what the lookups leave.
/// </summary>
internal sealed class MongoQueryPlan
{
    private MongoQueryPlan(BsonDocument match, IReadOnlyList<BsonDocument> lookups, BsonDocument? after, MongoSortPlan sort)
    {
        Match = match;
        Lookups = lookups;
        After = after;
        Sort = sort;
    }

    /// <summary>Tenant, type, the sort's requirement and the conditions on the resource alone.</summary>
    public BsonDocument Match { get; }

    public IReadOnlyList<BsonDocument> Lookups { get; }

    /// <summary>The conditions that read what the lookups found; null without lookups.</summary>
    public BsonDocument? After { get; }

    public MongoSortPlan Sort { get; }

    /// <param name="resourceTypeNames">Every type of the registry (a member may be any).</param>
    /// <param name="groupTypeNames">The types that hold members.</param>
    public static MongoQueryPlan For(ResourceQuery query, IReadOnlyList<string> resourceTypeNames, IReadOnlyList<string> groupTypeNames)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sort = MongoSort.Plan(query.Type, query.Sort);
        var match = new List<BsonDocument>
        {
            new() { { MongoFields.Tenant, query.Tenant }, { MongoFields.ResourceType, query.Type.Name } },
        };
        if (sort.Requires is not null)
        {
            match.Add(sort.Requires);
        }

        if (query.Filter is null)
        {
            return new MongoQueryPlan(MongoConditions.And(match), [], null, sort);
        }

        var resolved = FilterResolver.Resolve(query.Filter, query.Type);
        var names = new Dictionary<Filter, string>();
        var lookups = new List<BsonDocument>();
        foreach (var part in MongoMembershipLookup.Collect(resolved, query.Type))
        {
            var name = $"_m{names.Count}";
            names[part] = name;
            lookups.Add(MongoMembershipLookup.For(part, query.Type, query.Tenant, name, resourceTypeNames, groupTypeNames).Stage);
        }

        var translator = new MongoFilterTranslator(query.Type, names);
        var after = new List<BsonDocument>();
        foreach (var conjunct in Conjuncts(resolved))
        {
            var condition = conjunct.Accept(translator);
            (MongoMembershipLookup.Collect(conjunct, query.Type).Count == 0 ? match : after).Add(condition);
        }

        var plan = new MongoQueryPlan(MongoConditions.And(match), lookups, after.Count == 0 ? null : MongoConditions.And(after), sort);
        if (Math.Max(MongoConditions.Depth(plan.Match), plan.After is null ? 0 : MongoConditions.Depth(plan.After)) > MaxConditionDepth)
        {
            throw ScimException.InvalidFilter(
                $"The filter nests its 'and', 'or' and 'not' too deeply for the MongoDB store (more than {MaxConditionDepth} levels once translated); flatten it.");
        }

        return plan;
    }

    /// <summary>
    /// MongoDB refuses a query whose conditions nest more than 100 levels; each filter level costs one or two (a
    /// document and its array). Beyond this the filter is a 400, never a server error.
    /// </summary>
    public const int MaxConditionDepth = 90;

    /// <summary>The count of every match; null when a plain count of <see cref="Match"/> gives it.</summary>
    public List<BsonDocument>? CountPipeline()
    {
        if (Lookups.Count == 0)
        {
            return null;
        }

        var pipeline = Filtered();
        pipeline.Add(new BsonDocument("$count", "n"));
        return pipeline;
    }

    /// <summary>One page by index: <paramref name="count"/> resources after the first <paramref name="offset"/>.</summary>
    public List<BsonDocument> PagePipeline(long offset, int count)
    {
        var pipeline = Ordered(Match, Sort.Sort);
        if (offset > 0)
        {
            pipeline.Add(new BsonDocument("$skip", offset));
        }

        pipeline.Add(new BsonDocument("$limit", count));
        pipeline.Add(new BsonDocument("$project", MongoResourceDocuments.Projection));
        return pipeline;
    }

    /// <summary>
    /// Up to <paramref name="limit"/> resources strictly beyond <paramref name="anchor"/> (all from the start when it
    /// is null), read backward when <paramref name="backward"/>, each with the fields of its position.
    /// </summary>
    public List<BsonDocument> KeysetPipeline(BsonArray? anchor, bool backward, int limit)
    {
        var pipeline = Seek(anchor, backward, inclusive: false);
        pipeline.Add(new BsonDocument("$limit", limit));
        pipeline.Add(new BsonDocument("$project", MongoKeyset.Projection(Sort.Fields)));
        return pipeline;
    }

    /// <summary>Whether anything lies on the other side of <paramref name="anchor"/> (the anchor included): one key at most.</summary>
    public List<BsonDocument> ProbePipeline(BsonArray anchor, bool backward)
    {
        var pipeline = Seek(anchor, !backward, inclusive: true);
        pipeline.Add(new BsonDocument("$limit", 1));
        pipeline.Add(new BsonDocument("$project", new BsonDocument(MongoFields.Id, 1)));
        return pipeline;
    }

    private List<BsonDocument> Seek(BsonArray? anchor, bool backward, bool inclusive)
    {
        var sort = backward ? MongoKeyset.Reversed(Sort.Sort) : Sort.Sort;
        var beyond = anchor is null ? null : MongoKeyset.Beyond(Sort.Fields, anchor, backward, inclusive, stored: Sort.IndexServed);
        if (Sort.IndexServed)
        {
            // A range on the index: the position bounds the walk itself.
            return Ordered(beyond is null ? Match : MongoConditions.And([Match, beyond]), sort);
        }

        var pipeline = Filtered();
        pipeline.AddRange(Sort.Computed);
        if (beyond is not null)
        {
            pipeline.Add(new BsonDocument("$match", beyond));
        }

        pipeline.Add(new BsonDocument("$sort", sort));
        return pipeline;
    }

    private List<BsonDocument> Ordered(BsonDocument match, BsonDocument sort)
    {
        var pipeline = new List<BsonDocument> { new("$match", match) };
        if (Sort.IndexServed)
        {
            pipeline.Add(new BsonDocument("$sort", sort));
            AddLookups(pipeline);
            return pipeline;
        }

        AddLookups(pipeline);
        pipeline.AddRange(Sort.Computed);
        pipeline.Add(new BsonDocument("$sort", sort));
        return pipeline;
    }

    private List<BsonDocument> Filtered()
    {
        var pipeline = new List<BsonDocument> { new("$match", Match) };
        AddLookups(pipeline);
        return pipeline;
    }

    private void AddLookups(List<BsonDocument> pipeline)
    {
        pipeline.AddRange(Lookups);
        if (After is not null)
        {
            pipeline.Add(new BsonDocument("$match", After));
        }
    }

    private static IEnumerable<Filter> Conjuncts(Filter filter) => filter is AndFilter and
        ? Conjuncts(and.Left).Concat(Conjuncts(and.Right))
        : [filter];
}
