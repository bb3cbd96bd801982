using MongoDB.Bson;
using MongoDB.Driver;
using Scim.Api.Core.Storage;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// Runs a list query (<see cref="MongoQueryPlan"/>): the total, then a page by index or by position (RFC 9865
/// cursors), then the page's members or groups. Every aggregation is asynchronous and carries the call's remaining
/// budget as <c>maxTimeMS</c> (<see cref="MongoSession"/>).
/// </summary>
internal sealed class MongoQueryRunner(MongoCollections collections, MongoRelationships relationships, MongoTypes types)
{
    public MongoQueryPlan Plan(ResourceQuery query) => MongoQueryPlan.For(query, types.AllNames, types.GroupNames);

    public async Task<QueryResult> RunAsync(ResourceQuery query, MongoSession session, CancellationToken cancellationToken)
    {
        var plan = Plan(query);
        var total = await CountAsync(plan, session, cancellationToken).ConfigureAwait(false);
        if (query.Keyset is not null)
        {
            return await KeysetPageAsync(query, plan, total, session, cancellationToken).ConfigureAwait(false);
        }

        if (query.Page.Count <= 0 || query.Page.Offset >= total)
        {
            return new QueryResult(total, []);
        }

        var page = await session.AggregateAsync(collections.Resources, plan.PagePipeline(query.Page.Offset, query.Page.Count), cancellationToken)
            .ConfigureAwait(false);
        var resources = page.Select(MongoResourceDocuments.Read).ToList();
        await relationships.AttachAsync(query.Tenant, query.Type, query.Read, resources, session, cancellationToken).ConfigureAwait(false);
        return new QueryResult(total, resources);
    }

    private async Task<long> CountAsync(MongoQueryPlan plan, MongoSession session, CancellationToken cancellationToken)
    {
        if (plan.CountPipeline() is not { } pipeline)
        {
            return await session.CountAsync(collections.Resources, plan.Match, cancellationToken).ConfigureAwait(false);
        }

        var counted = await session.AggregateAsync(collections.Resources, pipeline, cancellationToken).ConfigureAwait(false);
        return counted.Count == 0 ? 0 : counted[0]["n"].ToInt64();
    }

    private async Task<QueryResult> KeysetPageAsync(
        ResourceQuery query, MongoQueryPlan plan, long total, MongoSession session, CancellationToken cancellationToken)
    {
        var keyset = query.Keyset!;
        if (query.Page.Count <= 0)
        {
            return new QueryResult(total, []);
        }

        var fields = plan.Sort.Fields;
        var backward = keyset.Before is not null;
        var anchor = (backward ? keyset.Before : keyset.After) is { } text ? MongoKeyset.Parse(text, fields.Count) : null;
        var page = await session.AggregateAsync(collections.Resources, plan.KeysetPipeline(anchor, backward, query.Page.Count + 1), cancellationToken)
            .ConfigureAwait(false);
        var beyond = page.Count > query.Page.Count;
        if (beyond)
        {
            page.RemoveAt(page.Count - 1);
        }

        if (backward)
        {
            page.Reverse();
        }

        var otherSide = anchor is not null
            && (await session.AggregateAsync(collections.Resources, plan.ProbePipeline(anchor, backward), cancellationToken).ConfigureAwait(false)).Count > 0;
        var resources = page.Select(MongoResourceDocuments.Read).ToList();
        await relationships.AttachAsync(query.Tenant, query.Type, query.Read, resources, session, cancellationToken).ConfigureAwait(false);
        return new QueryResult(total, resources)
        {
            FirstPosition = page.Count == 0 ? null : MongoKeyset.Format(page[0], fields),
            LastPosition = page.Count == 0 ? null : MongoKeyset.Format(page[^1], fields),
            HasMore = backward ? otherSide : beyond,
            HasPrevious = backward ? beyond : otherSide,
        };
    }
}
