using Scim.Api.Application;
using Scim.Api.Core.Versioning;
using Scim.Api.Http;

namespace Scim.Api.Endpoints;

/// <summary>
/// The answers about one resource, with its ETag (RFC 7644 §3.14) and its permanent Location on every one of them,
/// so a resource reached through an alias (<c>/Me</c>) names its own address.
/// </summary>
internal static class ResourceResponses
{
    public static IResult Created(ResourceResult result) =>
        new ScimJsonResult(result.Body, StatusCodes.Status201Created, EntityTag.Format(result.Version), result.Location);

    public static IResult Ok(ResourceResult result) =>
        new ScimJsonResult(result.Body, StatusCodes.Status200OK, EntityTag.Format(result.Version), result.Location);

    /// <summary>200 with the resource, or 304 when the client's If-None-Match names its version (RFC 9110 §13.1.2).</summary>
    public static IResult Read(HttpRequest request, ResourceResult result) =>
        EntityTagCondition.Parse(request.Headers.IfNoneMatch) is { } ifNoneMatch && ifNoneMatch.Matches(result.Version)
            ? new ScimEmptyResult(StatusCodes.Status304NotModified, EntityTag.Format(result.Version), result.Location)
            : Ok(result);

    /// <summary>200 with the resource when the client asked for it, else 204.</summary>
    public static IResult Patched(ResourceResult result, bool representationWanted) =>
        representationWanted ? Ok(result) : new ScimEmptyResult(StatusCodes.Status204NoContent, EntityTag.Format(result.Version), result.Location);

    public static IResult Deleted(string location) => new ScimEmptyResult(StatusCodes.Status204NoContent, location: location);
}
