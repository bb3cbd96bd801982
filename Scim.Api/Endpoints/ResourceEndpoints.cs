using Microsoft.AspNetCore.Mvc;
using Scim.Api.Application;
using Scim.Api.Core.Paging;
using Scim.Api.Core.Projection;
using Scim.Api.Core.Versioning;
using Scim.Api.Hosting.Auth;
using Scim.Api.Http;

namespace Scim.Api.Endpoints;

/// <summary>The generic handlers that serve every resource type (RFC 7644 §3.3–§3.6).</summary>
internal static class ResourceEndpoints
{
    public static RouteGroupBuilder MapResourceType(this RouteGroupBuilder group)
    {
        group.MapGet("", ListAsync);
        group.MapPost("/.search", SearchAsync);
        group.MapPost("", CreateAsync).RequireAuthorization(ScimPolicies.Write);
        group.MapGet("/{id}", GetAsync);
        group.MapPut("/{id}", ReplaceAsync).RequireAuthorization(ScimPolicies.Write);
        group.MapPatch("/{id}", PatchAsync).RequireAuthorization(ScimPolicies.Write);
        group.MapDelete("/{id}", DeleteAsync).RequireAuthorization(ScimPolicies.Write);
        return group;
    }

    private static async Task<IResult> ListAsync(HttpContext context, [AsParameters] ListQuery query, ResourceSearch search)
    {
        var type = ScimRequestContext.ResourceTypeOf(context);
        var body = await search.SearchAsync(ScimRequestContext.ScopeOf(context), type, query.ToParameters(), context.RequestAborted);
        return new ScimJsonResult(body, StatusCodes.Status200OK);
    }

    private static async Task<IResult> SearchAsync(HttpContext context, ResourceSearch search)
    {
        var type = ScimRequestContext.ResourceTypeOf(context);
        var parameters = SearchRequestBody.Parse(await ScimRequestBody.ReadAsync(context));
        var body = await search.SearchAsync(ScimRequestContext.ScopeOf(context), type, parameters, context.RequestAborted);
        return new ScimJsonResult(body, StatusCodes.Status200OK);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, [AsParameters] ProjectionQuery projection, ResourcePipeline pipeline)
    {
        var type = ScimRequestContext.ResourceTypeOf(context);
        var body = await ScimRequestBody.ReadAsync(context);
        var result = await pipeline.CreateAsync(
            ScimRequestContext.ScopeOf(context), type, body, projection.ToSelection(type), context.RequestAborted);
        return ResourceResponses.Created(result);
    }

    // The handlers of one resource take its id as given: from the route, or resolved by /Me.
    internal static async Task<IResult> GetAsync(
        HttpContext context, string id, [AsParameters] ProjectionQuery projection, ResourcePipeline pipeline)
    {
        var type = ScimRequestContext.ResourceTypeOf(context);
        var result = await pipeline.GetAsync(ScimRequestContext.ScopeOf(context), type, id, projection.ToSelection(type), context.RequestAborted);
        return ResourceResponses.Read(context.Request, result);
    }

    internal static async Task<IResult> ReplaceAsync(
        HttpContext context, string id, [AsParameters] ProjectionQuery projection, ResourcePipeline pipeline)
    {
        var type = ScimRequestContext.ResourceTypeOf(context);
        var body = await ScimRequestBody.ReadAsync(context);
        var result = await pipeline.ReplaceAsync(
            ScimRequestContext.ScopeOf(context), type, id, body, IfMatchOf(context), projection.ToSelection(type), context.RequestAborted);
        return ResourceResponses.Ok(result);
    }

    /// <summary>
    /// 204 by default (Entra and Microsoft's suite expect it); 200 with the resource when the client asks for a
    /// representation with attributes/excludedAttributes or <c>Prefer: return=representation</c> (RFC 7644 §3.5.2).
    /// </summary>
    internal static async Task<IResult> PatchAsync(
        HttpContext context, string id, [AsParameters] ProjectionQuery projection, ResourcePipeline pipeline)
    {
        var type = ScimRequestContext.ResourceTypeOf(context);
        var body = await ScimRequestBody.ReadAsync(context);
        var representationWanted = projection.IsSpecified || PrefersRepresentation(context.Request);
        var result = await pipeline.PatchAsync(
            ScimRequestContext.ScopeOf(context), type, id, body, IfMatchOf(context), projection.ToSelection(type), context.RequestAborted,
            representationWanted);
        return ResourceResponses.Patched(result, representationWanted);
    }

    internal static async Task<IResult> DeleteAsync(HttpContext context, string id, ResourcePipeline pipeline)
    {
        var type = ScimRequestContext.ResourceTypeOf(context);
        var scope = ScimRequestContext.ScopeOf(context);
        await pipeline.DeleteAsync(scope, type, id, IfMatchOf(context), context.RequestAborted);
        return ResourceResponses.Deleted(ResourceRepresentation.LocationOf(type, scope.BaseUrl, id));
    }

    private static EntityTagCondition? IfMatchOf(HttpContext context) => EntityTagCondition.Parse(context.Request.Headers.IfMatch);

    private static bool PrefersRepresentation(HttpRequest request) =>
        request.Headers["Prefer"].Any(v => v is not null && v.Contains("return=representation", StringComparison.OrdinalIgnoreCase));
}

/// <summary>The query string of a list request (RFC 7644 §3.4.2); unknown parameters are ignored.</summary>
internal readonly record struct ListQuery(
    [FromQuery(Name = "filter")] string? Filter,
    [FromQuery(Name = "sortBy")] string? SortBy,
    [FromQuery(Name = "sortOrder")] string? SortOrder,
    [FromQuery(Name = "startIndex")] string? StartIndex,
    [FromQuery(Name = "count")] string? Count,
    [FromQuery(Name = "attributes")] string? Attributes,
    [FromQuery(Name = "excludedAttributes")] string? ExcludedAttributes,
    [FromQuery(Name = "cursor")] string? Cursor)
{
    public SearchParameters ToParameters() => new(
        Filter,
        SortBy,
        SortOrder,
        PageRequest.ParseLenient(StartIndex, "startIndex"),
        PageRequest.ParseLenient(Count, "count"),
        ProjectionQuery.SplitList(Attributes),
        ProjectionQuery.SplitList(ExcludedAttributes))
    {
        Cursor = Cursor,
    };
}

/// <summary><c>attributes</c> and <c>excludedAttributes</c> on single-resource requests (RFC 7644 §3.9).</summary>
internal readonly record struct ProjectionQuery(
    [FromQuery(Name = "attributes")] string? Attributes,
    [FromQuery(Name = "excludedAttributes")] string? ExcludedAttributes)
{
    public bool IsSpecified => !string.IsNullOrWhiteSpace(Attributes) || !string.IsNullOrWhiteSpace(ExcludedAttributes);

    public AttributeSelection ToSelection(Core.Schema.ResourceTypeDefinition type) =>
        IsSpecified ? AttributeSelection.Parse(SplitList(Attributes), SplitList(ExcludedAttributes), type) : AttributeSelection.Default;

    /// <summary>
    /// A query-string list as one entry: <see cref="AttributeSelection"/> splits entries at the commas between names
    /// (not those inside a value filter), the one splitter of attribute lists.
    /// </summary>
    public static IReadOnlyList<string>? SplitList(string? text) => string.IsNullOrWhiteSpace(text) ? null : [text];
}
