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
using Scim.Api.Http;

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
        me.MapGet("", (HttpContext context, [AsParameters] ProjectionQuery projection, IResourceStore store, ResourcePipeline pipeline) =>
            WithUserAsync(context, store, id => ResourceEndpoints.GetAsync(context, id, projection, pipeline)));
        me.MapPut("", (HttpContext context, [AsParameters] ProjectionQuery projection, IResourceStore store, ResourcePipeline pipeline) =>
            WithUserAsync(context, store, id => ResourceEndpoints.ReplaceAsync(context, id, projection, pipeline)))
            .RequireAuthorization(ScimPolicies.Write);
        me.MapPatch("", (HttpContext context, [AsParameters] ProjectionQuery projection, IResourceStore store, ResourcePipeline pipeline) =>
            WithUserAsync(context, store, id => ResourceEndpoints.PatchAsync(context, id, projection, pipeline)))
            .RequireAuthorization(ScimPolicies.Write);
        me.MapDelete("", (HttpContext context, IResourceStore store, ResourcePipeline pipeline) =>
            WithUserAsync(context, store, id => ResourceEndpoints.DeleteAsync(context, id, pipeline)))
            .RequireAuthorization(ScimPolicies.Write);
        // Which resource a POST to /Me would create is left to the service provider; this one creates none.
        me.MapPost("", () => new ScimJsonResult(
            ScimErrorBody.Create(StatusCodes.Status501NotImplemented, null, "Creating a resource through /Me is not supported; POST to /Users."),
            StatusCodes.Status501NotImplemented));
    }

    /// <summary>
    /// Serves the request as the generic handler would serve <c>/Users/{id}</c> of the caller's User, or answers 501
    /// (returned, not thrown: it is no server error worth logging as one).
    /// </summary>
    private static async Task<IResult> WithUserAsync(HttpContext context, IResourceStore store, Func<string, Task<IResult>> handle)
    {
        var type = ScimRequestContext.ResourceTypeOf(context);
        var subject = context.User.FindFirstValue(ScimClaims.Subject);
        var attribute = context.User.FindFirstValue(ScimClaims.SubjectAttribute);
        if (subject is null || attribute is null)
        {
            return NotAvailable("this credential does not identify a User (configure a SubjectClaim for it)");
        }

        var filter = FilterResolver.Resolve(
            new ComparisonFilter(AttributePath.Of(attribute), ComparisonOperator.Equal, new StringValue(subject)), type);
        var found = await store.QueryAsync(
            new ResourceQuery(ScimRequestContext.ScopeOf(context).Tenant, type, filter, null, new PageRequest(1, 2), ReadOptions.DocumentOnly),
            context.RequestAborted);
        return found.TotalResults switch
        {
            1 => await handle(found.Resources[0].Id),
            0 => NotAvailable($"no User of this tenant has an {attribute} equal to this credential's subject"),
            _ => NotAvailable($"{found.TotalResults} Users of this tenant have an {attribute} equal to this credential's subject; /Me needs exactly one"),
        };
    }

    private static ScimJsonResult NotAvailable(string reason) => new(
        ScimErrorBody.Create(StatusCodes.Status501NotImplemented, null, $"/Me is not available: {reason} (RFC 7644 §3.11)."),
        StatusCodes.Status501NotImplemented);
}
