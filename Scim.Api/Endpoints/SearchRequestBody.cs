using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Api.Application;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Paging;
using Scim.Api.Core.Schema;

namespace Scim.Api.Endpoints;

/// <summary>Reads a SearchRequest body (RFC 7644 §3.4.3); member names are matched ignoring case.</summary>
internal static class SearchRequestBody
{
    public static SearchParameters Parse(JsonNode? body)
    {
        if (body is not JsonObject request)
        {
            throw ScimException.InvalidSyntax("A search request body must be a JSON object (RFC 7644 §3.4.3).");
        }

        if (Member(request, "schemas") is JsonArray schemas
            && !schemas.Any(s => s is JsonValue v && v.TryGetValue<string>(out var id) && string.Equals(id, ScimSchemaIds.SearchRequest, StringComparison.OrdinalIgnoreCase)))
        {
            throw ScimException.InvalidSyntax($"A search request must list '{ScimSchemaIds.SearchRequest}' in schemas.");
        }

        return new SearchParameters(
            Text(request, "filter"),
            Text(request, "sortBy"),
            Text(request, "sortOrder"),
            Integer(request, "startIndex"),
            Integer(request, "count"),
            List(request, "attributes"),
            List(request, "excludedAttributes"))
        {
            Cursor = Text(request, "cursor"),
        };
    }

    private static JsonNode? Member(JsonObject request, string name)
    {
        foreach (var (key, value) in request)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    private static string? Text(JsonObject request, string name) => Member(request, name) switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => throw ScimException.InvalidSyntax($"'{name}' in a search request must be a string."),
    };

    private static int? Integer(JsonObject request, string name) => Member(request, name) switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number =>
            PageRequest.ParseLenient(value.ToJsonString(), name),
        JsonValue value when value.TryGetValue<string>(out var text) => PageRequest.ParseLenient(text, name),
        _ => throw ScimException.InvalidSyntax($"'{name}' in a search request must be an integer."),
    };

    private static List<string>? List(JsonObject request, string name) => Member(request, name) switch
    {
        null => null,
        JsonArray array => [.. array.Select(item => item is JsonValue v && v.TryGetValue<string>(out var text)
            ? text
            : throw ScimException.InvalidSyntax($"'{name}' in a search request must be an array of strings."))],
        JsonValue value when value.TryGetValue<string>(out var text) =>
            ProjectionQuery.SplitList(text)?.ToList(),
        _ => throw ScimException.InvalidSyntax($"'{name}' in a search request must be an array of strings."),
    };

}
