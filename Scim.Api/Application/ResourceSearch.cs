using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Paging;
using Scim.Api.Core.Paging.Cursors;
using Scim.Api.Core.Paths;
using Scim.Api.Core.Projection;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;

namespace Scim.Api.Application;

/// <summary>Lists and searches (RFC 7644 §3.4.2, §3.4.3): filters, sorts and pages run in the store.</summary>
internal sealed class ResourceSearch(
    IResourceStore store, ResourcePipeline pipeline, SchemaRegistry registry, CursorCodec cursors, IOptions<ScimServiceOptions> options)
{
    private readonly ScimServiceOptions _options = options.Value;

    public async Task<JsonObject> SearchAsync(
        RequestScope scope, ResourceTypeDefinition type, SearchParameters parameters, CancellationToken cancellationToken)
    {
        if (parameters.Cursor is not null)
        {
            return await CursorPageAsync(scope, type, parameters, cancellationToken);
        }

        var selection = AttributeSelection.Parse(parameters.Attributes, parameters.ExcludedAttributes, type);
        var filter = ParseFilter(parameters.Filter, type);
        var page = PageRequest.Create(parameters.StartIndex, parameters.Count, _options.MaxResults);
        var query = new ResourceQuery(
            scope.Tenant, type, filter, ParseSort(parameters, type), page, pipeline.ReadOptionsFor(type, selection));
        var result = await store.QueryAsync(query, cancellationToken);
        var resources = result.Resources.Select(r => pipeline.Present(scope, type, r, selection).Body);
        return ListResponse.Create(result.TotalResults, page.StartIndex, resources);
    }

    /// <summary>
    /// A search at the service root covers every resource type (RFC 7644 §3.4.3). A filter naming attributes
    /// of only some types matches nothing in the others; pages run across the types in registry order.
    /// </summary>
    public async Task<JsonObject> SearchAllAsync(RequestScope scope, SearchParameters parameters, CancellationToken cancellationToken)
    {
        if (parameters.Cursor is not null)
        {
            throw ScimException.InvalidCursor(
                "Cursor paging is offered per resource type (POST /Users/.search, GET /Groups?cursor=); a search at the "
                + "service root spans several types and pages only by startIndex.");
        }

        var page = PageRequest.Create(parameters.StartIndex, parameters.Count, _options.MaxResults);
        var applicable = new List<(ResourceTypeDefinition Type, Filter? Filter, AttributeSelection Selection)>();
        ScimException? firstError = null;
        foreach (var type in registry.ResourceTypes)
        {
            try
            {
                applicable.Add((type, ParseFilter(parameters.Filter, type),
                    AttributeSelection.Parse(parameters.Attributes, parameters.ExcludedAttributes, type)));
            }
            catch (ScimException error) when (error.Status == 400)
            {
                firstError ??= error;
            }
        }

        if (applicable.Count == 0 && firstError is not null)
        {
            throw firstError;
        }

        long total = 0;
        var skip = page.Offset;
        var resources = new List<JsonNode>();
        foreach (var (type, filter, selection) in applicable)
        {
            var wanted = page.Count - resources.Count;
            var start = (int)Math.Min(int.MaxValue, skip + 1);
            var query = new ResourceQuery(scope.Tenant, type, filter, ParseSort(parameters, type),
                new PageRequest(start, Math.Max(wanted, 0)), pipeline.ReadOptionsFor(type, selection));
            var result = await store.QueryAsync(query, cancellationToken);
            total += result.TotalResults;
            skip = Math.Max(0, skip - result.TotalResults);
            resources.AddRange(result.Resources.Select(r => pipeline.Present(scope, type, r, selection).Body));
        }

        return ListResponse.Create(total, page.StartIndex, resources);
    }

    /// <summary>
    /// Cursor paging (RFC 9865): an empty cursor asks for the first page; any other is opened, checked against this
    /// tenant and this query, and read from its store position. Pages are keyset pages, so inserts and deletes
    /// elsewhere in the list never shift them.
    /// </summary>
    private async Task<JsonObject> CursorPageAsync(
        RequestScope scope, ResourceTypeDefinition type, SearchParameters parameters, CancellationToken cancellationToken)
    {
        if (parameters.StartIndex is not null)
        {
            throw ScimException.InvalidValue("'cursor' and 'startIndex' cannot be combined: page by cursor or by index, not both (RFC 9865 §2).");
        }

        var selection = AttributeSelection.Parse(parameters.Attributes, parameters.ExcludedAttributes, type);
        var filter = ParseFilter(parameters.Filter, type);
        var sort = ParseSort(parameters, type);
        var fingerprint = QueryFingerprint.Of(type.Name, filter, sort);
        var opened = parameters.Cursor!.Length == 0 ? null : cursors.Open(parameters.Cursor, scope.Tenant, fingerprint);
        var keyset = opened switch
        {
            null => KeysetPage.First,
            { Direction: CursorDirection.Next } => new KeysetPage(opened.Position, null),
            _ => new KeysetPage(null, opened.Position),
        };
        var page = PageRequest.Create(null, parameters.Count, _options.MaxResults);
        var query = new ResourceQuery(scope.Tenant, type, filter, sort, page, pipeline.ReadOptionsFor(type, selection)) { Keyset = keyset };
        var result = await store.QueryAsync(query, cancellationToken);

        // An empty page still has a way back (or forward): the position it was read from.
        var first = result.FirstPosition ?? (opened is { Direction: CursorDirection.Next } ? opened.Position : null);
        var last = result.LastPosition ?? (opened is { Direction: CursorDirection.Previous } ? opened.Position : null);
        var next = result.HasMore && last is not null ? cursors.Issue(CursorDirection.Next, last, scope.Tenant, fingerprint) : null;
        var previous = result.HasPrevious && first is not null ? cursors.Issue(CursorDirection.Previous, first, scope.Tenant, fingerprint) : null;
        var resources = result.Resources.Select(r => pipeline.Present(scope, type, r, selection).Body);
        return ListResponse.CreateCursorPage(result.TotalResults, resources, next, previous);
    }

    private static Filter? ParseFilter(string? text, ResourceTypeDefinition type)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return FilterResolver.Resolve(FilterParser.Parse(text), type);
    }

    private static SortSpec? ParseSort(SearchParameters parameters, ResourceTypeDefinition type) =>
        string.IsNullOrWhiteSpace(parameters.SortBy) ? null : SortSpec.Parse(parameters.SortBy, parameters.SortOrder, type);
}
