using System.Text.Json.Nodes;
using Scim.Api.Core.Compatibility;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Json;
using Scim.Api.Core.Paths;
using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Patch;

/// <summary>A parsed PATCH request body (RFC 7644 §3.5.2): its operations, in the order they apply.</summary>
public sealed record PatchRequest(IReadOnlyList<PatchOperation> Operations)
{
    public const int DefaultMaxOperations = 10_000;

    /// <summary>
    /// Parses a PATCH body. <c>schemas</c>, when present, must list the PatchOp message URN; <c>Operations</c>
    /// (key in any case) is required and may be empty. Each operation needs an <c>op</c> (any case), may have a
    /// <c>path</c> (parsed here, so a bad path fails with <c>invalidPath</c> before anything is applied) and needs a
    /// <c>value</c> member for add and replace (an explicit <c>null</c> is allowed: it clears the target).
    /// </summary>
    public static PatchRequest Parse(JsonNode? body, int maxOperations = DefaultMaxOperations)
    {
        try
        {
            return ParseMessage(body, maxOperations);
        }
        catch (ArgumentException error) when (error.GetType() == typeof(ArgumentException))
        {
            // A parsed JsonNode materializes objects lazily and throws ArgumentException the first time it meets a
            // repeated property name: that is the client's malformed JSON.
            throw ScimException.InvalidSyntax($"The PATCH body repeats a property name within one JSON object: {error.Message}");
        }
    }

    private static PatchRequest ParseMessage(JsonNode? body, int maxOperations)
    {
        if (body is not JsonObject message)
        {
            throw ScimException.InvalidSyntax(
                $"The PATCH body must be a JSON object with 'schemas' and 'Operations', not {Describe(body)}.");
        }

        EnsurePatchOpSchema(message);
        var operations = FindMember(message, "Operations", out var found) switch
        {
            JsonArray array => array,
            _ when !found => throw ScimException.InvalidSyntax(
                "The PATCH body has no 'Operations' member; it must be an array of operations (RFC 7644 §3.5.2)."),
            var other => throw ScimException.InvalidSyntax($"'Operations' must be an array of operations, not {Describe(other)}."),
        };

        if (operations.Count > maxOperations)
        {
            throw ScimException.InvalidValue(
                $"The PATCH request has {operations.Count} operations; at most {maxOperations} are allowed in one request.");
        }

        var parsed = new List<PatchOperation>(operations.Count);
        for (var index = 0; index < operations.Count; index++)
        {
            parsed.Add(ParseOperation(operations[index], index + 1));
        }

        return new PatchRequest(parsed);
    }

    private static void EnsurePatchOpSchema(JsonObject message)
    {
        var schemas = FindMember(message, CommonAttributes.Schemas, out var found);
        if (!found || schemas is null)
        {
            return;
        }

        var listed = schemas switch
        {
            JsonArray array => array.Select(TextOf),
            JsonValue => [TextOf(schemas)],
            _ => throw ScimException.InvalidSyntax($"'schemas' must be an array of URNs, not {Describe(schemas)}."),
        };
        if (!listed.Any(urn => string.Equals(urn, ScimSchemaIds.PatchOp, StringComparison.OrdinalIgnoreCase)))
        {
            throw ScimException.InvalidSyntax(
                $"'schemas' of a PATCH request must contain '{ScimSchemaIds.PatchOp}'.");
        }
    }

    private static PatchOperation ParseOperation(JsonNode? node, int number)
    {
        if (node is not JsonObject operation)
        {
            throw ScimException.InvalidSyntax($"Operation {number} must be a JSON object, not {Describe(node)}.");
        }

        var opNode = FindMember(operation, "op", out _);
        var opText = TextOf(opNode);
        var type = IdpCompatibility.NormalizeOperationName(opText) switch
        {
            "add" => PatchOperationType.Add,
            "replace" => PatchOperationType.Replace,
            "remove" => PatchOperationType.Remove,
            _ when opNode is null => throw ScimException.InvalidSyntax(
                $"Operation {number} has no 'op'; it must be \"add\", \"replace\" or \"remove\"."),
            _ => throw ScimException.InvalidSyntax(
                $"Operation {number} has 'op' {Quote(opNode)}; it must be \"add\", \"replace\" or \"remove\"."),
        };

        var path = ParsePath(FindMember(operation, "path", out _), number);
        var value = FindMember(operation, "value", out var hasValue);
        if (!hasValue && type != PatchOperationType.Remove)
        {
            throw ScimException.InvalidValue(
                $"Operation {number} ({opText?.Trim()}) has no 'value'; add and replace need the value to set.");
        }

        if (value is not null)
        {
            ReadThrough(value);
        }

        return new PatchOperation(type, path, value?.DeepClone());
    }

    // Reads every object once, so that a repeated property name fails here rather than while applying.
    private static void ReadThrough(JsonNode node)
    {
        var children = node switch
        {
            JsonObject obj => obj.Select(member => member.Value),
            JsonArray array => array,
            _ => [],
        };
        foreach (var child in children)
        {
            if (child is not null)
            {
                ReadThrough(child);
            }
        }
    }

    private static ScimPath? ParsePath(JsonNode? pathNode, int number)
    {
        if (pathNode is null)
        {
            return null;
        }

        var text = TextOf(pathNode)
            ?? throw ScimException.InvalidSyntax($"'path' of operation {number} must be a string, not {Describe(pathNode)}.");
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return ScimPathParser.Parse(text);
        }
        catch (ScimException error)
        {
            throw new ScimException(error.Status, error.ScimType, $"Operation {number}: {error.Detail}");
        }
    }

    // RFC 7643 §2.1: attribute names, and so the members of a message, are case-insensitive.
    private static JsonNode? FindMember(JsonObject message, string name, out bool found)
    {
        var key = JsonNodes.FindKey(message, name);
        found = key is not null;
        return key is null ? null : message[key];
    }

    private static string? TextOf(JsonNode? node) => JsonNodes.TextOf(node);

    private static string Quote(JsonNode node) => node.ToJsonString();

    private static string Describe(JsonNode? node) => JsonNodes.Describe(node);
}
