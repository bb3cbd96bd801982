using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Scim.Api.Core.Bulk;
using Scim.Api.Core.Schema;

namespace Scim.Api.Application.Bulk;

/// <summary>
/// Runs a bulk request (RFC 7644 §3.7): parse and check the whole message, plan the order, then run every operation
/// through <see cref="ResourcePipeline"/> with the caller's scope, as separate units. Knows nothing of HTTP.
/// </summary>
internal sealed class BulkExecutor(ResourcePipeline pipeline, SchemaRegistry registry, IOptions<ScimServiceOptions> options)
{
    public async Task<JsonObject> ExecuteAsync(RequestScope scope, JsonNode? body, CancellationToken cancellationToken)
    {
        var request = BulkRequest.Parse(body, options.Value.BulkMaxOperations);
        var run = new BulkRun(pipeline, registry, scope, request);
        await run.RunAsync(BulkPlanner.Plan(request.Operations), cancellationToken);
        return new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemaIds.BulkResponse),
            ["Operations"] = new JsonArray([.. run.Results.Select(r => r.ToJson())]),
        };
    }
}
