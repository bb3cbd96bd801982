using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Scim.Api.Core.Errors;
using Scim.Api.Http;

namespace Scim.Api.Hosting;

/// <summary>
/// The one place exceptions become responses: a <see cref="ScimException"/> becomes its SCIM error body; a store
/// that cannot be reached answers 503 with Retry-After; anything else is a 500 with no internals in the body.
/// </summary>
internal sealed partial class ScimExceptionHandler(ILogger<ScimExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        var (status, scimType, detail) = exception switch
        {
            _ when ErrorClassification.ForClient(exception) is { } scim => (scim.Status, scim.ScimType, scim.Detail),
            BadHttpRequestException bad => (bad.StatusCode, null, bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "The request body is too large."
                : "The request is malformed."),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, null, "The client closed the request."),
            _ => (StatusCodes.Status500InternalServerError, (string?)null, "An unexpected error occurred; it has been logged."),
        };

        if (status >= 500)
        {
            LogServerError(logger, status, httpContext.Request.Method, httpContext.Request.Path, exception);
        }
        else
        {
            LogClientError(logger, status, scimType, httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.Clear();
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            var retryAfter = ErrorClassification.RetryAfter(exception);
            httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        await new ScimJsonResult(ScimErrorBody.Create(status, scimType, detail), status).ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "SCIM request {Method} {Path} failed with {Status}")]
    private static partial void LogServerError(ILogger logger, int status, string method, PathString path, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SCIM request {Method} {Path} rejected with {Status} {ScimType}")]
    private static partial void LogClientError(ILogger logger, int status, string? scimType, string method, PathString path);
}
