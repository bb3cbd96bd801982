using Microsoft.AspNetCore.Routing.Patterns;
using Scim.Api.Core.Schema;

namespace Scim.Api.Hosting.Telemetry;

/// <summary>
/// What a SCIM request does, named from its route (never from its path values): <c>list</c>, <c>search</c>,
/// <c>create</c>, <c>get</c>, <c>replace</c>, <c>patch</c>, <c>delete</c> on a resource type, the endpoint's own name
/// (<c>schemas</c>, <c>resourcetypes</c>, <c>serviceproviderconfig</c>, <c>bulk</c>, <c>me</c>, …) elsewhere, and
/// <c>unrouted</c> for a path that matches no route. The set is bounded by the route table, as metric attributes must be.
/// </summary>
internal readonly record struct ScimOperation(string Name, string? ResourceType)
{
    public const string Unrouted = "unrouted";

    public string SpanName => ResourceType is null ? $"SCIM {Name}" : $"SCIM {Name} {ResourceType}";

    public static ScimOperation Of(HttpContext context)
    {
        if (context.GetEndpoint() is not RouteEndpoint endpoint)
        {
            return new ScimOperation(Unrouted, null);
        }

        var type = endpoint.Metadata.GetMetadata<ResourceTypeDefinition>();
        var lastLiteral = LastLiteralSegment(endpoint.RoutePattern);
        if (string.Equals(lastLiteral, ".search", StringComparison.OrdinalIgnoreCase))
        {
            return new ScimOperation("search", type?.Name);
        }

        if (type is null)
        {
            return new ScimOperation(lastLiteral?.ToLowerInvariant() ?? Unrouted, null);
        }

        var method = context.Request.Method;
        var addressesOne = endpoint.RoutePattern.Parameters.Count > 0;
        var name = method switch
        {
            _ when HttpMethods.IsGet(method) => addressesOne ? "get" : "list",
            _ when HttpMethods.IsPost(method) && !addressesOne => "create",
            _ when HttpMethods.IsPut(method) => "replace",
            _ when HttpMethods.IsPatch(method) => "patch",
            _ when HttpMethods.IsDelete(method) => "delete",
            _ => method.ToLowerInvariant(),
        };
        return new ScimOperation(name, type.Name);
    }

    private static string? LastLiteralSegment(RoutePattern pattern)
    {
        for (var index = pattern.PathSegments.Count - 1; index >= 0; index--)
        {
            var parts = pattern.PathSegments[index].Parts;
            if (parts.Count > 0 && parts.All(part => part.IsLiteral))
            {
                return string.Concat(parts.Cast<RoutePatternLiteralPart>().Select(part => part.Content));
            }
        }

        return null;
    }
}
