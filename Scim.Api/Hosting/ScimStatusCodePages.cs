using Microsoft.AspNetCore.Diagnostics;
using Scim.Api.Core.Errors;
using Scim.Api.Http;

namespace Scim.Api.Hosting;

/// <summary>
/// Gives body-less framework answers under /scim/v2 (405 wrong method, 404 no route, 415 …) the SCIM error body.
/// </summary>
internal static class ScimStatusCodePages
{
    public static Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        if (!http.Request.Path.StartsWithSegments(ScimRoutes.BasePath, StringComparison.OrdinalIgnoreCase))
        {
            return Task.CompletedTask;
        }

        var status = http.Response.StatusCode;
        var detail = status switch
        {
            StatusCodes.Status405MethodNotAllowed => $"{http.Request.Method} is not allowed on this endpoint.",
            StatusCodes.Status404NotFound => "There is no SCIM endpoint at this path.",
            StatusCodes.Status415UnsupportedMediaType => $"Send {ScimMediaTypes.Scim} or {ScimMediaTypes.Json}.",
            StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
            _ => $"The request failed with status {status}.",
        };
        return new ScimJsonResult(ScimErrorBody.Create(status, null, detail), status).ExecuteAsync(http);
    }
}
