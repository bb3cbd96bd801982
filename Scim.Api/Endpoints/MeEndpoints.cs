using System.Security.Claims;
using Scim.Api.Application;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Paging;
using Scim.Api.Core.Paths;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;
using Scim.Api.Core.Versioning;
using Scim.Api.Hosting.Auth;

namespace Scim.Api.Endpoints;

/// <summary>
/// <c>/Me</c> (RFC 7644 §3.11): the User of the caller's tenant whose <c>userName</c> or <c>externalId</c> equals
/// the subject the credential carries, served directly with GET, PUT, PATCH and DELETE through the same pipeline
/// as <c>/Users/{id}</c>. Every answer's Location is the User's permanent location. A credential without a subject,
/// or whose subject matches no single User, gets 501 as the RFC allows for a service that cannot alias it.
/// </summary>
internal static class MeEndpoints
{
    public const string Path = "/Me";

    public static void MapMe(this RouteGroupBuilder scim, SchemaRegistry registry)
    {
        var users = registry.FindByName(BuiltInSchemas.UserResourceType.Name) ?? BuiltInSchemas.UserResourceType;
        var me = scim.MapGroup(Path).WithMetadata(users);
        me.MapGet("", GetAsync);
        me.MapPut("", ReplaceAsync).RequireAuthorization(ScimPolicies.Write);
        me.MapPatch("", PatchAsync).RequireAuthorization(ScimPolicies.Write);
        me.MapDelete("", DeleteAsync).RequireAuthorization(ScimPolicies.Write);
        // Which resource a POST to /Me would create is left to the service provider; this one creates none.
        me.MapPost("", () => new ScimJsonResult(
            ScimErrorBody.Create(StatusCodes.Status501NotImplemented, null, "Creating a resource through /Me is not supported; POST to /Users."),
            StatusCodes.Status501NotImplemented));
    }

    private static async Task<IResult> GetAsync(
        HttpContext context, [AsParameters] ProjectionQuery projection, IResourceStore store, ResourcePipeline pipeline)
    {
        var (type, scope, id, refusal) = await ResolveAsync(context, store);
        if (id is null)
        {
            return refusal!;
        }

        var result = await pipeline.GetAsync(scope, type, id, projection.ToSelection(type), context.RequestAborted);
        var etag = EntityTag.Format(result.Version);
        if (EntityTagCondition.Parse(context.Request.Headers.IfNoneMatch) is { } ifNoneMatch && ifNoneMatch.Matches(result.Version))
        {
            context.Response.Headers.Location = result.Location;
            return new ScimEmptyResult(StatusCodes.Status304NotModified, etag);
        }

        return new ScimJsonResult(result.Body, StatusCodes.Status200OK, etag, result.Location);
    }

    private static async Task<IResult> ReplaceAsync(
        HttpContext context, [AsParameters] ProjectionQuery projection, IResourceStore store, ResourcePipeline pipeline)
    {
        var (type, scope, id, refusal) = await ResolveAsync(context, store);
        if (id is null)
        {
            return refusal!;
        }

        var body = await ScimRequestBody.ReadAsync(context);
        var result = await pipeline.ReplaceAsync(scope, type, id, body, IfMatchOf(context), projection.ToSelection(type), context.RequestAborted);
        return new ScimJsonResult(result.Body, StatusCodes.Status200OK, EntityTag.Format(result.Version), result.Location);
    }

    private static async Task<IResult> PatchAsync(
        HttpContext context, [AsParameters] ProjectionQuery projection, IResourceStore store, ResourcePipeline pipeline)
    {
        var (type, scope, id, refusal) = await ResolveAsync(context, store);
        if (id is null)
        {
            return refusal!;
        }

        var body = await ScimRequestBody.ReadAsync(context);
        var representationWanted = projection.IsSpecified || PrefersRepresentation(context.Request);
        var result = await pipeline.PatchAsync(
            scope, type, id, body, IfMatchOf(context), projection.ToSelection(type), context.RequestAborted, representationWanted);
        var etag = EntityTag.Format(result.Version);
        if (representationWanted)
        {
            return new ScimJsonResult(result.Body, StatusCodes.Status200OK, etag, result.Location);
        }

        context.Response.Headers.Location = result.Location;
        return new ScimEmptyResult(StatusCodes.Status204NoContent, etag);
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, IResourceStore store, ResourcePipeline pipeline)
    {
        var (type, scope, id, refusal) = await ResolveAsync(context, store);
        if (id is null)
        {
            return refusal!;
        }

        await pipeline.DeleteAsync(scope, type, id, IfMatchOf(context), context.RequestAborted);
        context.Response.Headers.Location = ResourceRepresentation.LocationOf(type, scope.BaseUrl, id);
        return new ScimEmptyResult(StatusCodes.Status204NoContent);
    }

    /// <summary>The User's id, or the 501 answer (returned, not thrown: it is no server error worth logging as one).</summary>
    private static async Task<(ResourceTypeDefinition Type, RequestScope Scope, string? Id, ScimJsonResult? Refusal)> ResolveAsync(
        HttpContext context, IResourceStore store)
    {
        var type = ScimRequestContext.ResourceTypeOf(context);
        var scope = ScimRequestContext.ScopeOf(context);
        var subject = context.User.FindFirstValue(ScimClaims.Subject);
        var attribute = context.User.FindFirstValue(ScimClaims.SubjectAttribute);
        if (subject is null || attribute is null)
        {
            return (type, scope, null, NotAvailable("this credential does not identify a User (configure a SubjectClaim for it)"));
        }

        var filter = FilterResolver.Resolve(
            new ComparisonFilter(AttributePath.Of(attribute), ComparisonOperator.Equal, new StringValue(subject)), type);
        var found = await store.QueryAsync(
            new ResourceQuery(scope.Tenant, type, filter, null, new PageRequest(1, 2), ReadOptions.DocumentOnly), context.RequestAborted);
        return found.TotalResults switch
        {
            1 => (type, scope, found.Resources[0].Id, null),
            0 => (type, scope, null, NotAvailable($"no User of this tenant has an {attribute} equal to this credential's subject")),
            _ => (type, scope, null, NotAvailable(
                $"{found.TotalResults} Users of this tenant have an {attribute} equal to this credential's subject; /Me needs exactly one")),
        };
    }

    private static ScimJsonResult NotAvailable(string reason) => new(
        ScimErrorBody.Create(StatusCodes.Status501NotImplemented, null, $"/Me is not available: {reason} (RFC 7644 §3.11)."),
        StatusCodes.Status501NotImplemented);

    private static EntityTagCondition? IfMatchOf(HttpContext context) => EntityTagCondition.Parse(context.Request.Headers.IfMatch);

    private static bool PrefersRepresentation(HttpRequest request) =>
        request.Headers["Prefer"].Any(v => v is not null && v.Contains("return=representation", StringComparison.OrdinalIgnoreCase));
}
