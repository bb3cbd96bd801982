using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Api.Application;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Projection;
using Scim.Api.Core.Schema;

namespace Scim.Api.OperatorConsole.Data;

/// <summary>A row of a search result: enough to recognize a resource and open it.</summary>
public sealed record ResourceRow(string Id, string Name, string? Detail, bool? Active);

public sealed record ResourcePage(long Total, int StartIndex, IReadOnlyList<ResourceRow> Rows);

/// <summary>A resource as the console shows it: the JSON the API returns, or why it cannot be read.</summary>
public sealed record ResourceView(string Json, long Version, string? DisplayName, string? Note);

/// <summary>
/// Users and groups through the same pipeline and search as the SCIM API (filters, paging and representation are
/// the API's own), for one tenant at a time. Memberships are read as filtered searches, a page at a time, so a group of
/// a million members opens as fast as an empty one.
/// </summary>
internal sealed class ResourceBrowser(ResourceSearch search, ResourcePipeline pipeline, SchemaRegistry registry)
{
    public const int PageSize = 25;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public ResourceTypeDefinition TypeOf(string kind) =>
        registry.FindByEndpoint(kind.Equals("users", StringComparison.OrdinalIgnoreCase) ? "Users" : "Groups")
        ?? throw ScimException.NotFound($"'{kind}' is not a resource type of this service.");

    /// <summary>One page of a SCIM filter (null for all), newest first in creation order as the API lists them.</summary>
    public async Task<ResourcePage> SearchAsync(RequestScope scope, ResourceTypeDefinition type, string? filter, int startIndex, CancellationToken cancellationToken)
    {
        var attributes = type.HasMembers ? new[] { "displayName", "externalId" } : ["userName", "displayName", "active", "externalId"];
        var list = await search.SearchAsync(scope, type, new SearchParameters(filter, null, null, Math.Max(1, startIndex), PageSize, attributes, null), cancellationToken);
        var rows = (list["Resources"] as JsonArray ?? []).OfType<JsonObject>().Select(resource => RowOf(type, resource)).ToList();
        return new ResourcePage((long?)list["totalResults"] ?? 0, Math.Max(1, startIndex), rows);
    }

    public async Task<ResourceView?> GetAsync(RequestScope scope, ResourceTypeDefinition type, string id, CancellationToken cancellationToken)
    {
        ResourceResult result;
        string? note = null;
        try
        {
            result = await pipeline.GetAsync(scope, type, id, AttributeSelection.Default, cancellationToken);
        }
        catch (ScimException notFound) when (notFound.Status == 404)
        {
            return null;
        }
        catch (ScimException tooMany) when (tooMany.ScimType == ScimErrorType.TooMany)
        {
            // A group larger than one response may carry: shown as the API shows it with excludedAttributes=members.
            result = await pipeline.GetAsync(scope, type, id, AttributeSelection.Parse(null, "members", type), cancellationToken);
            note = "This group has more members than one response carries (Scim:MaxMembersPerResponse); the JSON leaves them out, the list below pages through them.";
        }

        var json = result.Representation;
        return new ResourceView(json.ToJsonString(Indented), result.Version, NameOf(type, json), note);
    }

    /// <summary>A group's members that are users, a page at a time.</summary>
    public Task<ResourcePage> MemberUsersAsync(RequestScope scope, string groupId, int startIndex, CancellationToken cancellationToken) =>
        SearchAsync(scope, TypeOf("users"), $"groups.value eq {Quoted(groupId)}", startIndex, cancellationToken);

    /// <summary>
    /// A group's members that are groups, as its representation lists them (a Group has no <c>groups</c> to filter
    /// on); none when the representation could not carry its members.
    /// </summary>
    public static ResourcePage MemberGroupsOf(ResourceView group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var rows = (JsonNode.Parse(group.Json)?["members"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(member => string.Equals((string?)member["type"], "Group", StringComparison.Ordinal))
            .Select(member => new ResourceRow((string?)member["value"] ?? "", (string?)member["display"] ?? (string?)member["value"] ?? "", null, null))
            .ToList();
        return new ResourcePage(rows.Count, 1, [.. rows.Take(PageSize)]);
    }

    /// <summary>The groups a resource is a direct member of, a page at a time.</summary>
    public Task<ResourcePage> GroupsOfAsync(RequestScope scope, string memberId, int startIndex, CancellationToken cancellationToken) =>
        SearchAsync(scope, TypeOf("groups"), $"members.value eq {Quoted(memberId)}", startIndex, cancellationToken);

    private static string Quoted(string text) => JsonSerializer.Serialize(text);

    private static ResourceRow RowOf(ResourceTypeDefinition type, JsonObject resource)
    {
        var id = (string?)resource["id"] ?? "";
        var name = NameOf(type, resource) ?? id;
        var detail = type.HasMembers ? (string?)resource["externalId"] : (string?)resource["displayName"];
        var active = resource["active"] is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : (bool?)null;
        return new ResourceRow(id, name, detail, active);
    }

    private static string? NameOf(ResourceTypeDefinition type, JsonObject resource) =>
        type.HasMembers ? (string?)resource["displayName"] : (string?)resource["userName"];
}
