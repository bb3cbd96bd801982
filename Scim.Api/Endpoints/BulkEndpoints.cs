using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using Scim.Api.Application.Bulk;
using Scim.Api.Core.Errors;
using Scim.Api.Hosting.Auth;
using Scim.Api.Hosting.RateLimiting;
using Scim.Api.Http;

namespace Scim.Api.Endpoints;

/// <summary>POST /Bulk (RFC 7644 §3.7): a write, so it needs a credential that may write.</summary>
internal static class BulkEndpoints
{
    public static RouteHandlerBuilder MapBulk(this RouteGroupBuilder scim) =>
        scim.MapPost("/Bulk", BulkAsync).RequireAuthorization(ScimPolicies.Write);

    private static async Task<IResult> BulkAsync(HttpContext context, BulkExecutor executor)
    {
        var limit = ScimRequestContext.OptionsOf(context).BulkMaxPayloadBytes;
        // The server's own body limit must not cut a bulk request short of bulk.maxPayloadSize.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize && bodySize.MaxRequestBodySize < limit)
        {
            bodySize.MaxRequestBodySize = limit;
        }

        var body = await ReadBodyAsync(context, limit);

        // The request itself took one token of the tenant's rate limit; each further operation takes one more.
        if (body?["Operations"] is JsonArray operations && !await TenantRateLimiting.TryChargeAsync(context, operations.Count - 1))
        {
            return Results.Empty;
        }

        var response = await executor.ExecuteAsync(ScimRequestContext.ScopeOf(context), body, context.RequestAborted);
        return new ScimJsonResult(response, StatusCodes.Status200OK);
    }

    // RFC 7644 §3.7.4: a bulk request over a limit is answered 413, and the error names the limit.
    private static async Task<JsonNode?> ReadBodyAsync(HttpContext context, long limit)
    {
        try
        {
            return await ScimRequestBody.ReadAsync(context, limit);
        }
        catch (ScimException error) when (error.Status == StatusCodes.Status413PayloadTooLarge)
        {
            throw ScimException.PayloadTooLarge($"The bulk request is larger than bulk.maxPayloadSize, {limit} bytes.");
        }
    }
}
