using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Paging;
using Scim.Api.Core.Paths;
using Scim.Api.Core.Projection;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;

namespace Scim.Api.Application;

/// <summary>Lists and searches (RFC 7644 §3.4.2, §3.4.3): filters, sorts and pages run in the store.</summary>
internal sealed class ResourceSearch(IResourceStore store, ResourcePipeline pipeline, SchemaRegistry registry, IOptions<ScimServiceOptions> options)
{
    private readonly ScimServiceOptions _options = options.Value;

    public async Task<JsonObject> SearchAsync(
        RequestScope scope, ResourceTypeDefinition type, SearchParameters parameters, CancellationToken cancellationToken)
    {
        var selection = AttributeSelection.Parse(parameters.Attributes, parameters.ExcludedAttributes, type);
        var filter = ParseFilter(parameters.Filter, type);
        var page = PageRequest.Create(parameters.StartIndex, parameters.Count, _options.MaxResults);
        var query = new ResourceQuery(
            scope.Tenant, type, filter, ParseSort(parameters, type), page, ResourcePipeline.ReadOptionsFor(type, selection));
        var result = await store.QueryAsync(query, cancellationToken);
        var resources = result.Resources.Select(r => pipeline.Present(scope, type, r, selection).Representation);
        return ListResponse.Create(result.TotalResults, page.StartIndex, resources);
    }

    /// <summary>
    /// A search at the service root covers every resource type (RFC 7644 §3.4.3). A filter naming attributes
    /// of only some types matches nothing in the others; pages run across the types in registry order.
    /// </summary>
    public async Task<JsonObject> SearchAllAsync(RequestScope scope, SearchParameters parameters, CancellationToken cancellationToken)
    {
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
        var resources = new List<JsonObject>();
        foreach (var (type, filter, selection) in applicable)
        {
            var wanted = page.Count - resources.Count;
            var start = (int)Math.Min(int.MaxValue, skip + 1);
            var query = new ResourceQuery(scope.Tenant, type, filter, ParseSort(parameters, type),
                new PageRequest(start, Math.Max(wanted, 0)), ResourcePipeline.ReadOptionsFor(type, selection));
            var result = await store.QueryAsync(query, cancellationToken);
            total += result.TotalResults;
            skip = Math.Max(0, skip - result.TotalResults);
            resources.AddRange(result.Resources.Select(r => pipeline.Present(scope, type, r, selection).Representation));
        }

        return ListResponse.Create(total, page.StartIndex, resources);
    }

    private static Filter? ParseFilter(string? text, ResourceTypeDefinition type)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return FilterResolver.Resolve(FilterParser.Parse(text), type);
    }

    private static SortSpec? ParseSort(SearchParameters parameters, ResourceTypeDefinition type)
    {
        if (string.IsNullOrWhiteSpace(parameters.SortBy))
        {
            return null;
        }

        var path = ScimPathParser.ParseAttributePath(parameters.SortBy.Trim());
        if (type.Resolve(path) is null)
        {
            throw ScimException.InvalidValue($"Cannot sort by '{parameters.SortBy}': {type.Name} has no such attribute.");
        }

        return new SortSpec(path, SortSpec.IsDescending(parameters.SortOrder));
    }
}
