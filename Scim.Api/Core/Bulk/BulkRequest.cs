using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Json;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Validation;

namespace Scim.Api.Core.Bulk;

/// <summary>
/// A BulkRequest message (RFC 7644 §3.7). Everything the message itself defines is checked here, before any
/// operation runs, and a violation rejects the whole request: <c>schemas</c>, <c>failOnErrors</c>, the shape of each
/// operation, bulkIds unique within the request, and the operation limit (413, RFC 7644 §3.7.4). What depends on
/// the service's resource types or on stored resources is decided per operation when it runs.
/// </summary>
public sealed record BulkRequest(int? FailOnErrors, IReadOnlyList<BulkOperation> Operations)
{
    /// <summary>Parses a bulk body; member names are matched ignoring case (RFC 7643 §2.1).</summary>
    public static BulkRequest Parse(JsonNode? body, int maxOperations)
    {
        try
        {
            return ParseMessage(body, maxOperations);
        }
        catch (ArgumentException error) when (error.GetType() == typeof(ArgumentException))
        {
            // JsonObject throws ArgumentException the first time it meets a repeated property name.
            throw ScimException.InvalidSyntax($"The bulk request repeats a property name within one JSON object: {error.Message}");
        }
    }

    private static BulkRequest ParseMessage(JsonNode? body, int maxOperations)
    {
        if (body is not JsonObject message)
        {
            throw ScimException.InvalidSyntax(
                $"The bulk request body must be a JSON object with 'schemas' and 'Operations', not {JsonNodes.Describe(body)}.");
        }

        EnsureBulkRequestSchema(message);
        var failOnErrors = ParseFailOnErrors(JsonNodes.Find(message, "failOnErrors"));
        var operations = JsonNodes.Find(message, "Operations") switch
        {
            JsonArray array => array,
            null => throw ScimException.InvalidSyntax(
                "The bulk request has no 'Operations'; it must be an array of operations (RFC 7644 §3.7)."),
            var other => throw ScimException.InvalidSyntax($"'Operations' must be an array of operations, not {JsonNodes.Describe(other)}."),
        };

        if (operations.Count > maxOperations)
        {
            throw ScimException.PayloadTooLarge(
                $"The bulk request has {operations.Count} operations; at most {maxOperations} are allowed (bulk.maxOperations).");
        }

        var parsed = new List<BulkOperation>(operations.Count);
        for (var index = 0; index < operations.Count; index++)
        {
            parsed.Add(BulkOperationReader.Read(operations[index], index));
        }

        EnsureUniqueBulkIds(parsed);
        return new BulkRequest(failOnErrors, parsed);
    }

    // RFC 7644 §3.7: schemas is required; like PATCH bodies, a body without it is accepted, a wrong one is not.
    private static void EnsureBulkRequestSchema(JsonObject message)
    {
        var schemas = JsonNodes.Find(message, CommonAttributes.Schemas);
        if (schemas is null)
        {
            return;
        }

        var listed = schemas switch
        {
            JsonArray array => array.Select(TextOf),
            JsonValue => [TextOf(schemas)],
            _ => throw ScimException.InvalidSyntax($"'schemas' must be an array of URNs, not {JsonNodes.Describe(schemas)}."),
        };
        if (!listed.Any(urn => string.Equals(urn, ScimSchemaIds.BulkRequest, StringComparison.OrdinalIgnoreCase)))
        {
            throw ScimException.InvalidSyntax($"'schemas' of a bulk request must contain '{ScimSchemaIds.BulkRequest}'.");
        }
    }

    // failOnErrors is "the number of errors that the service provider will accept before the operation is
    // terminated" (RFC 7644 §3.7): a positive integer; a numeric string is tolerated.
    private static int? ParseFailOnErrors(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var text = node is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.ToJsonString() : TextOf(node);
        if (text is not null && int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0)
        {
            return count;
        }

        throw ScimException.InvalidValue($"'failOnErrors' must be a positive integer, not {node.ToJsonString()}.");
    }

    private static void EnsureUniqueBulkIds(List<BulkOperation> operations)
    {
        var seen = new Dictionary<string, BulkOperation>(StringComparer.Ordinal);
        foreach (var operation in operations)
        {
            if (operation.BulkId is not { } bulkId)
            {
                continue;
            }

            if (!seen.TryAdd(bulkId, operation))
            {
                throw ScimException.InvalidValue(
                    $"bulkId '{bulkId}' is used by {seen[bulkId].Name} and {operation.Name}; a bulkId must be unique within a bulk request (RFC 7644 §3.7).");
            }
        }
    }

    private static string? TextOf(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
