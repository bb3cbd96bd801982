using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Scim.Api.Application;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Paging;
using Scim.Api.Core.Schema;
using Scim.Api.Http;

namespace Scim.Api.Endpoints;

/// <summary>
/// Service discovery (RFC 7644 §4): ServiceProviderConfig, Schemas and ResourceTypes, generated from the registry
/// and the configured limits, so that what is advertised is exactly what is enforced.
/// </summary>
internal static class DiscoveryEndpoints
{
    public static void MapDiscovery(this RouteGroupBuilder scim, bool isPublic)
    {
        RouteHandlerBuilder[] routes =
        [
            scim.MapGet("/ServiceProviderConfig", ServiceProviderConfig),
            // The name used by Microsoft's test collection, from an older draft.
            scim.MapGet("/serviceConfiguration", ServiceProviderConfig),
            scim.MapGet("/Schemas", Schemas),
            scim.MapGet("/Schemas/{id}", Schema),
            scim.MapGet("/ResourceTypes", ResourceTypes),
            scim.MapGet("/ResourceTypes/{name}", ResourceType),
        ];
        if (isPublic)
        {
            foreach (var route in routes)
            {
                route.AllowAnonymous();
            }
        }
    }

    private static ScimJsonResult ServiceProviderConfig(HttpContext context, IOptions<ScimServiceOptions> options)
    {
        var limits = options.Value;
        var baseUrl = ScimRequestContext.BaseUrlOf(context);
        var body = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemaIds.ServiceProviderConfig),
            ["documentationUri"] = limits.DocumentationUri?.ToString(),
            ["patch"] = new JsonObject { ["supported"] = true },
            ["bulk"] = new JsonObject
            {
                ["supported"] = true,
                ["maxOperations"] = limits.BulkMaxOperations,
                ["maxPayloadSize"] = limits.BulkMaxPayloadBytes,
            },
            ["filter"] = new JsonObject { ["supported"] = true, ["maxResults"] = limits.MaxResults },
            ["changePassword"] = new JsonObject { ["supported"] = true },
            ["sort"] = new JsonObject { ["supported"] = true },
            ["etag"] = new JsonObject { ["supported"] = true },
            // RFC 9865 §4: both methods work; index stays the default so that clients unaware of cursors see no change.
            ["pagination"] = new JsonObject
            {
                ["cursor"] = true,
                ["index"] = true,
                ["defaultPaginationMethod"] = "index",
                ["defaultPageSize"] = Math.Min(PageRequest.DefaultCount, limits.MaxResults),
                ["maxPageSize"] = limits.MaxResults,
                ["cursorTimeout"] = limits.Cursor.LifetimeSeconds,
            },
            ["authenticationSchemes"] = new JsonArray(new JsonObject
            {
                ["type"] = "oauthbearertoken",
                ["name"] = "OAuth Bearer Token",
                ["description"] = "Authentication with a bearer token in the Authorization header (RFC 6750).",
                ["specUri"] = "https://www.rfc-editor.org/rfc/rfc6750",
                ["primary"] = true,
            }),
            ["meta"] = new JsonObject
            {
                ["resourceType"] = "ServiceProviderConfig",
                ["location"] = $"{baseUrl}/ServiceProviderConfig",
            },
        };
        if (limits.DocumentationUri is null)
        {
            body.Remove("documentationUri");
        }

        return new ScimJsonResult(body, StatusCodes.Status200OK);
    }

    private static ScimJsonResult Schemas(HttpContext context, SchemaRegistry registry)
    {
        var baseUrl = ScimRequestContext.BaseUrlOf(context);
        var schemas = registry.Schemas.Select(s => SchemaJson.ToJson(s, SchemaLocation(baseUrl, s.Id))).ToList();
        return new ScimJsonResult(ListResponse.Create(schemas.Count, 1, schemas), StatusCodes.Status200OK);
    }

    private static ScimJsonResult Schema(HttpContext context, string id, SchemaRegistry registry)
    {
        var schema = registry.FindSchema(id) ?? throw ScimException.NotFound($"There is no schema '{id}'.");
        return new ScimJsonResult(SchemaJson.ToJson(schema, SchemaLocation(ScimRequestContext.BaseUrlOf(context), schema.Id)), StatusCodes.Status200OK);
    }

    private static ScimJsonResult ResourceTypes(HttpContext context, SchemaRegistry registry)
    {
        var baseUrl = ScimRequestContext.BaseUrlOf(context);
        var types = registry.ResourceTypes.Select(t => SchemaJson.ToJson(t, $"{baseUrl}/ResourceTypes/{t.Name}")).ToList();
        return new ScimJsonResult(ListResponse.Create(types.Count, 1, types), StatusCodes.Status200OK);
    }

    private static ScimJsonResult ResourceType(HttpContext context, string name, SchemaRegistry registry)
    {
        var type = registry.FindByName(name) ?? throw ScimException.NotFound($"There is no resource type '{name}'.");
        return new ScimJsonResult(
            SchemaJson.ToJson(type, $"{ScimRequestContext.BaseUrlOf(context)}/ResourceTypes/{type.Name}"), StatusCodes.Status200OK);
    }

    private static string SchemaLocation(string baseUrl, string id) => $"{baseUrl}/Schemas/{id}";
}
