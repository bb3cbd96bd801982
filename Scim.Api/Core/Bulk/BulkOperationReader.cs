using System.Text.Json.Nodes;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Json;
using Scim.Api.Core.Validation;

namespace Scim.Api.Core.Bulk;

/// <summary>Reads one element of a bulk request's <c>Operations</c> (RFC 7644 §3.7) and checks its shape.</summary>
internal static class BulkOperationReader
{
    public static BulkOperation Read(JsonNode? node, int index)
    {
        var name = $"Operations[{index}]";
        if (node is not JsonObject operation)
        {
            throw ScimException.InvalidSyntax($"{name} must be a JSON object, not {JsonNodes.Describe(node)}.");
        }

        var method = ParseMethod(JsonNodes.Find(operation, "method"), name);
        var bulkId = OptionalText(operation, "bulkId", name);
        if (method == BulkMethod.Post && bulkId is null)
        {
            throw ScimException.InvalidValue($"{name} is a POST without a 'bulkId'; RFC 7644 §3.7 requires one on every POST.");
        }

        if (bulkId is { Length: 0 })
        {
            throw ScimException.InvalidValue($"{name} has an empty 'bulkId'.");
        }

        var (resourcePath, resourceId) = ParsePath(JsonNodes.Find(operation, "path"), method, name);
        var version = OptionalText(operation, "version", name);
        var data = ReadData(JsonNodes.Find(operation, "data"), method, name);
        return new BulkOperation(index, method, resourcePath, resourceId, bulkId, string.IsNullOrWhiteSpace(version) ? null : version, data);
    }

    private static BulkMethod ParseMethod(JsonNode? node, string name)
    {
        var text = TextOf(node)?.Trim();
        if (string.Equals(text, "POST", StringComparison.OrdinalIgnoreCase))
        {
            return BulkMethod.Post;
        }

        if (string.Equals(text, "PUT", StringComparison.OrdinalIgnoreCase))
        {
            return BulkMethod.Put;
        }

        if (string.Equals(text, "PATCH", StringComparison.OrdinalIgnoreCase))
        {
            return BulkMethod.Patch;
        }

        if (string.Equals(text, "DELETE", StringComparison.OrdinalIgnoreCase))
        {
            return BulkMethod.Delete;
        }

        var sent = node is null ? "no 'method'" : $"'method' {node.ToJsonString()}";
        throw ScimException.InvalidValue($"{name} has {sent}; it must be \"POST\", \"PUT\", \"PATCH\" or \"DELETE\".");
    }

    /// <summary>
    /// A POST path names a resource type endpoint (<c>/Users</c>); any other names one resource
    /// (<c>/Users/2819c223</c>, <c>/Groups/bulkId:qwerty</c>). The leading slash is optional, a trailing one ignored.
    /// </summary>
    private static (string ResourcePath, string? ResourceId) ParsePath(JsonNode? node, BulkMethod method, string name)
    {
        var text = TextOf(node)
            ?? throw ScimException.InvalidValue(node is null
                ? $"{name} has no 'path'; it must name a resource type endpoint such as \"/Users\" or a resource such as \"/Users/{{id}}\"."
                : $"'path' of {name} must be a string, not {JsonNodes.Describe(node)}.");
        var trimmed = text.Trim().Trim('/');
        var segments = trimmed.Split('/');
        if (trimmed.Length == 0 || trimmed.IndexOfAny(['?', '#']) >= 0 || segments.Any(s => s.Length == 0))
        {
            throw ScimException.InvalidValue($"'path' of {name} is \"{text}\"; it must be a relative path such as \"/Users\" or \"/Users/{{id}}\".");
        }

        if (method == BulkMethod.Post)
        {
            return ("/" + trimmed, null);
        }

        if (segments.Length < 2)
        {
            throw ScimException.InvalidValue(
                $"'path' of {name} ({method.ToString().ToUpperInvariant()}) is \"{text}\"; it must name one resource, such as \"/{trimmed}/{{id}}\".");
        }

        return ("/" + string.Join('/', segments[..^1]), Uri.UnescapeDataString(segments[^1]));
    }

    private static JsonObject? ReadData(JsonNode? node, BulkMethod method, string name)
    {
        if (method == BulkMethod.Delete)
        {
            return null;
        }

        return node switch
        {
            JsonObject data => data,
            null => throw ScimException.InvalidValue(
                $"{name} ({method.ToString().ToUpperInvariant()}) has no 'data'; it must hold the body of the request."),
            _ => throw ScimException.InvalidSyntax($"'data' of {name} must be a JSON object, not {JsonNodes.Describe(node)}."),
        };
    }

    private static string? OptionalText(JsonObject operation, string member, string name)
    {
        var node = JsonNodes.Find(operation, member);
        return node is null
            ? null
            : TextOf(node) ?? throw ScimException.InvalidValue($"'{member}' of {name} must be a string, not {JsonNodes.Describe(node)}.");
    }

    private static string? TextOf(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
