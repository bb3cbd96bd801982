using System.Text.Json.Nodes;
using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Paging;

/// <summary>The ListResponse message (RFC 7644 §3.4.2): <c>Resources</c> is always present, even when empty.</summary>
public static class ListResponse
{
    public static JsonObject Create(long totalResults, int startIndex, IEnumerable<JsonNode> resources)
    {
        var array = new JsonArray();
        foreach (var resource in resources)
        {
            array.Add(resource);
        }

        return new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemaIds.ListResponse),
            ["totalResults"] = totalResults,
            ["startIndex"] = startIndex,
            ["itemsPerPage"] = array.Count,
            ["Resources"] = array,
        };
    }

    /// <summary>
    /// A cursor page (RFC 9865 §2.3): no startIndex; nextCursor on every page but the last (its absence ends the
    /// list), previousCursor on every page but the first.
    /// </summary>
    public static JsonObject CreateCursorPage(long totalResults, IEnumerable<JsonNode> resources, string? nextCursor, string? previousCursor)
    {
        var page = Create(totalResults, 1, resources);
        page.Remove("startIndex");
        if (nextCursor is not null)
        {
            page["nextCursor"] = nextCursor;
        }

        if (previousCursor is not null)
        {
            page["previousCursor"] = previousCursor;
        }

        return page;
    }
}
