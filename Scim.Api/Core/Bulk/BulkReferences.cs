using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Scim.Api.Core.Json;
using Scim.Api.Core.Validation;

namespace Scim.Api.Core.Bulk;

/// <summary>
/// <c>bulkId:</c> references (RFC 7644 §3.7.2): a value of an operation that names a resource created by a POST of
/// the same request. A reference is a whole string value of <c>data</c> at any depth (group members, the enterprise
/// manager, custom reference attributes), the id segment of a path (<c>/Groups/bulkId:qwerty</c>), or a quoted
/// literal in the filter of a PATCH operation's path (<c>members[value eq "bulkId:qwerty"]</c>).
/// </summary>
public static partial class BulkReferences
{
    public const string Prefix = "bulkId:";

    public static bool TryParse(string? text, out string bulkId)
    {
        if (text is not null && text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            bulkId = text[Prefix.Length..];
            return true;
        }

        bulkId = "";
        return false;
    }

    /// <summary>Every bulkId the operation refers to, in its path or its data.</summary>
    public static IReadOnlySet<string> Of(BulkOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (TryParse(operation.ResourceId, out var inPath))
        {
            found.Add(inPath);
        }

        if (operation.Data is { } data)
        {
            CollectValues(data, found);
            if (operation.Method == BulkMethod.Patch)
            {
                foreach (var path in PatchPaths(data))
                {
                    foreach (Match literal in QuotedReference().Matches(path))
                    {
                        found.Add(literal.Groups[1].Value);
                    }
                }
            }
        }

        return found;
    }

    /// <summary>Every bulkId referred to by a whole string value anywhere in the node.</summary>
    public static IReadOnlySet<string> InValues(JsonNode? node)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        CollectValues(node, found);
        return found;
    }

    /// <summary>
    /// A copy of an operation's data with every reference replaced by the id <paramref name="resolve"/> gives
    /// (which throws for a reference it cannot resolve). PATCH filter literals are rewritten only when
    /// <paramref name="isPatch"/> is set, because only PatchOp bodies have operation paths.
    /// </summary>
    public static JsonObject Resolve(JsonObject data, bool isPatch, Func<string, string> resolve)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(resolve);
        var copy = (JsonObject)ReplaceValues(data, resolve)!;
        if (isPatch && JsonNodes.Find(copy, "Operations") is JsonArray operations)
        {
            foreach (var operation in operations.OfType<JsonObject>())
            {
                if (JsonNodes.FindKey(operation, "path") is { } key && operation[key] is JsonValue value
                    && value.TryGetValue<string>(out var path))
                {
                    operation[key] = QuotedReference().Replace(path, match => Quote(resolve(match.Groups[1].Value)));
                }
            }
        }

        return copy;
    }

    /// <summary>An id from a path segment: the resolved id for a reference, else the segment itself.</summary>
    public static string ResolveId(string id, Func<string, string> resolve)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        return TryParse(id, out var bulkId) ? resolve(bulkId) : id;
    }

    private static void CollectValues(JsonNode? node, HashSet<string> found)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    CollectValues(value, found);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    CollectValues(item, found);
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text) && TryParse(text, out var bulkId):
                found.Add(bulkId);
                break;
        }
    }

    private static JsonNode? ReplaceValues(JsonNode? node, Func<string, string> resolve)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    copy[key] = ReplaceValues(value, resolve);
                }

                return copy;
            case JsonArray array:
                return new JsonArray([.. array.Select(item => ReplaceValues(item, resolve))]);
            case JsonValue value when value.TryGetValue<string>(out var text) && TryParse(text, out var bulkId):
                return JsonValue.Create(resolve(bulkId));
            default:
                return node?.DeepClone();
        }
    }

    private static IEnumerable<string> PatchPaths(JsonObject data)
    {
        if (JsonNodes.Find(data, "Operations") is not JsonArray operations)
        {
            yield break;
        }

        foreach (var operation in operations.OfType<JsonObject>())
        {
            if (JsonNodes.Find(operation, "path") is JsonValue value && value.TryGetValue<string>(out var path))
            {
                yield return path;
            }
        }
    }

    // A filter's string literal is JSON-quoted (RFC 7644 §3.4.2.2), so a resolved id is escaped the same way.
    private static string Quote(string id)
    {
        var escaped = new StringBuilder(id.Length + 2).Append('"');
        foreach (var c in id)
        {
            if (c is '"' or '\\')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.Append('"').ToString();
    }

    [GeneratedRegex("\"bulkId:([^\"\\\\]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedReference();
}
