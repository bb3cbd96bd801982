using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Scim.Api.Application;
using Scim.Api.Application.Audit;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Paging;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;
using Scim.Api.Core.Versioning;
using Scim.Api.Hosting.Admin;
using Scim.Api.Hosting.Network;
using Scim.Api.Http;

namespace Scim.Api.Endpoints;

/// <summary>
/// The operators' API under <c>/admin/v1</c>, open only to admin tokens (<see cref="AdminAuthorization.Policy"/>):
/// the audit trail, the deleted resources of a tenant, their restore, and the tenant's change events and webhook
/// subscriptions (<see cref="EventAdminEndpoints"/>). With <c>Scim:Admin:Port</c> set it is served
/// only on that local port.
/// </summary>
internal static class AdminEndpoints
{
    public const string BasePath = "/admin/v1";

    public static IEndpointRouteBuilder MapScimAdmin(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var admin = app.MapGroup(BasePath).RequireAuthorization(AdminAuthorization.Policy);
        if (app.ServiceProvider.GetRequiredService<IOptions<AdminPortOptions>>().Value.Port is { } port)
        {
            admin.RequireLocalPort(port);
        }

        admin.MapGet("/audit", QueryAuditAsync);
        admin.MapGet("/tenants/{tenant}/deleted", ListDeletedAsync);
        admin.MapPost("/tenants/{tenant}/{resourceType}/{id}/restore", RestoreAsync);
        admin.MapEventAdmin();
        return app;
    }

    private static async Task<IResult> QueryAuditAsync(
        [AsParameters] AuditListQuery query, Administration administration, SchemaRegistry registry, IOptions<ScimServiceOptions> options,
        CancellationToken cancellationToken)
    {
        var page = PageOf(query.StartIndex, query.Count, options.Value);
        var type = query.ResourceType is null ? null : FindType(registry, query.ResourceType)
            ?? throw ScimException.InvalidValue($"resourceType: '{query.ResourceType}' is not a resource type of this service ({KnownTypes(registry)}).");
        var result = await administration.QueryAuditAsync(
            new AuditQuery(query.Tenant, type?.Name, query.ResourceId, InstantOf(query.From, "from"), InstantOf(query.To, "to"), page),
            cancellationToken);
        return Results.Json(Page(result.TotalResults, page, "records", result.Records.Select(ToJson)));
    }

    private static async Task<IResult> ListDeletedAsync(
        string tenant, [AsParameters] DeletedListQuery query, Administration administration, SchemaRegistry registry,
        IOptions<ScimServiceOptions> options, CancellationToken cancellationToken)
    {
        var page = PageOf(query.StartIndex, query.Count, options.Value);
        var type = query.ResourceType is null ? null : FindType(registry, query.ResourceType)
            ?? throw ScimException.InvalidValue($"resourceType: '{query.ResourceType}' is not a resource type of this service ({KnownTypes(registry)}).");
        var result = await administration.ListRestorableAsync(tenant, type, page, cancellationToken);
        return Results.Json(Page(result.TotalResults, page, "deleted", result.Tombstones.Select(tombstone => ToJson(tenant, tombstone, registry, administration))));
    }

    private static async Task<IResult> RestoreAsync(
        HttpContext context, string tenant, string resourceType, string id, ResourcePipeline pipeline, SchemaRegistry registry)
    {
        var type = FindType(registry, resourceType)
            ?? throw ScimException.NotFound($"'{resourceType}' is not a resource type of this service ({KnownTypes(registry)}).");
        var result = await pipeline.RestoreAsync(AdminScopeOf(context, tenant), type, id, context.RequestAborted);
        return ResourceResponses.Ok(result);
    }

    private static RequestScope AdminScopeOf(HttpContext context, string tenant)
    {
        var tokenId = context.User.FindFirst(AdminAuthorization.CredentialClaim)?.Value
            ?? throw new InvalidOperationException("An authorized admin request has no admin credential claim.");
        return new RequestScope(
            tenant, AdminAuthorization.AuditCredentialId(tokenId), ScimRequestContext.BaseUrlOf(context), context.TraceIdentifier,
            ScimRequestContext.TraceIdOf());
    }

    private static ResourceTypeDefinition? FindType(SchemaRegistry registry, string nameOrEndpoint) =>
        registry.FindByName(nameOrEndpoint) ?? registry.FindByEndpoint(nameOrEndpoint);

    private static string KnownTypes(SchemaRegistry registry) => string.Join(", ", registry.ResourceTypes.Select(type => type.Name));

    private static PageRequest PageOf(string? startIndex, string? count, ScimServiceOptions options) =>
        PageRequest.Create(PageRequest.ParseLenient(startIndex, "startIndex"), PageRequest.ParseLenient(count, "count"), options.MaxResults);

    private static DateTimeOffset? InstantOf(string? text, string parameter)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return ScimDateTime.TryParse(text.Trim(), out var instant)
            ? instant
            : throw ScimException.InvalidValue($"{parameter}: '{text}' is not a date and time; write it as 2024-05-01T08:00:00Z.");
    }

    private static JsonObject Page(long total, PageRequest page, string itemsName, IEnumerable<JsonObject> items)
    {
        var array = new JsonArray([.. items]);
        return new JsonObject
        {
            ["totalResults"] = total,
            ["startIndex"] = page.StartIndex,
            ["itemsPerPage"] = array.Count,
            [itemsName] = array,
        };
    }

    private static JsonObject ToJson(AuditRecord record)
    {
        var json = new JsonObject
        {
            ["tenant"] = record.Tenant,
            ["resourceType"] = record.ResourceType,
            ["resourceId"] = record.ResourceId,
            ["operation"] = AuditOperationNames.Of(record.Operation),
            ["credentialId"] = record.CredentialId,
            ["requestId"] = record.RequestId,
            ["traceId"] = record.TraceId,
            ["at"] = RoundTripTime.Format(record.At),
            ["versionBefore"] = record.VersionBefore is { } before ? EntityTag.Format(before) : null,
            ["versionAfter"] = record.VersionAfter is { } after ? EntityTag.Format(after) : null,
            ["changedAttributes"] = new JsonArray([.. record.ChangedAttributes.Select(name => (JsonNode)name)]),
        };
        if (record.Values is not null)
        {
            json["values"] = record.Values.DeepClone();
        }

        return json;
    }

    private static JsonObject ToJson(string tenant, Tombstone tombstone, SchemaRegistry registry, Administration administration) => new()
    {
        ["resourceType"] = tombstone.ResourceType,
        ["id"] = tombstone.Id,
        ["displayName"] = tombstone.DisplayName,
        ["version"] = EntityTag.Format(tombstone.Version),
        ["created"] = RoundTripTime.Format(tombstone.Created),
        ["lastModified"] = RoundTripTime.Format(tombstone.LastModified),
        ["deletedAt"] = RoundTripTime.Format(tombstone.DeletedAt),
        ["restorableUntil"] = RoundTripTime.Format(administration.RestorableUntil(tombstone)),
        ["restore"] = $"{BasePath}/tenants/{Uri.EscapeDataString(tenant)}/"
            + $"{(registry.FindByName(tombstone.ResourceType)?.Endpoint ?? tombstone.ResourceType).Trim('/')}/{Uri.EscapeDataString(tombstone.Id)}/restore",
    };
}

/// <summary>The query string of <c>GET /admin/v1/audit</c>; every criterion is optional.</summary>
internal readonly record struct AuditListQuery(
    [FromQuery(Name = "tenant")] string? Tenant,
    [FromQuery(Name = "resourceType")] string? ResourceType,
    [FromQuery(Name = "resourceId")] string? ResourceId,
    [FromQuery(Name = "from")] string? From,
    [FromQuery(Name = "to")] string? To,
    [FromQuery(Name = "startIndex")] string? StartIndex,
    [FromQuery(Name = "count")] string? Count);

/// <summary>The query string of <c>GET /admin/v1/tenants/{tenant}/deleted</c>.</summary>
internal readonly record struct DeletedListQuery(
    [FromQuery(Name = "resourceType")] string? ResourceType,
    [FromQuery(Name = "startIndex")] string? StartIndex,
    [FromQuery(Name = "count")] string? Count);
