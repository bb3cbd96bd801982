using Microsoft.Extensions.Options;
using Scim.Api.Application;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Schema;
using Scim.Api.Hosting.Auth;
using Scim.Api.Hosting.RateLimiting;
using Scim.Api.Http;

namespace Scim.Api.Endpoints;

public static class ScimEndpointRouteBuilderExtensions
{
    /// <summary>Maps every SCIM endpoint under /scim/v2: one route group per resource type, discovery, search and bulk.</summary>
    public static IEndpointRouteBuilder MapScim(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var registry = app.ServiceProvider.GetRequiredService<SchemaRegistry>();
        var options = app.ServiceProvider.GetRequiredService<IOptions<ScimServiceOptions>>().Value;

        var scim = app.MapGroup(ScimRoutes.BasePath).RequireAuthorization(ScimPolicies.Read)
            .WithMetadata(TenantLimited.Instance);
        foreach (var type in registry.ResourceTypes)
        {
            scim.MapGroup(type.Endpoint).WithMetadata(type).MapResourceType();
        }

        scim.MapPost("/.search", SearchAllAsync);
        scim.MapDiscovery(options.PublicDiscovery);
        scim.MapBulk();
        scim.MapMe(registry);
        return app;
    }

    private static async Task<IResult> SearchAllAsync(HttpContext context, ResourceSearch search)
    {
        var parameters = SearchRequestBody.Parse(await ScimRequestBody.ReadAsync(context));
        var body = await search.SearchAllAsync(ScimRequestContext.ScopeOf(context), parameters, context.RequestAborted);
        return new ScimJsonResult(body, StatusCodes.Status200OK);
    }
}
