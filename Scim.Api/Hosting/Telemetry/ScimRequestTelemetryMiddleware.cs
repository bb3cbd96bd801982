using System.Diagnostics;
using System.Security.Claims;
using Scim.Api.Hosting.Auth;
using Scim.Api.Http;

namespace Scim.Api.Hosting.Telemetry;

/// <summary>
/// Wraps every request under /scim/v2 in a "SCIM {operation} {type}" span and records <c>scim.requests</c> and
/// <c>scim.request.duration</c>. It runs outside the exception handler, so the status it records is the one the
/// client received, 4xx and 5xx error bodies included; the tenant is read after authentication has run. When the
/// provisioning log is on, it leaves the request's entry for the log's background writer.
/// </summary>
internal sealed class ScimRequestTelemetryMiddleware(RequestDelegate next, ProvisioningLogCapture provisioningLog)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(ScimRoutes.BasePath, StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        var operation = ScimOperation.Of(context);
        var target = ProvisioningLogCapture.RouteOf(context);
        using var activity = ScimTelemetry.Source.StartActivity(operation.SpanName, ActivityKind.Internal);
        activity?.SetTag(ScimAttributes.Operation, operation.Name);
        activity?.SetTag(ScimAttributes.ResourceType, operation.ResourceType);
        var started = Stopwatch.GetTimestamp();
        var escaped = false;
        try
        {
            await next(context);
        }
        catch
        {
            escaped = true;
            throw;
        }
        finally
        {
            // An exception that got past the exception handler (the response had started) ends the connection.
            var status = escaped ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
            var tenant = context.User.FindFirstValue(ScimClaims.Tenant);
            var duration = Stopwatch.GetElapsedTime(started);
            ScimMetrics.RecordRequest(operation.Name, operation.ResourceType, tenant, status, duration);
            provisioningLog.Record(context, operation, target, status, duration);
            if (activity is not null)
            {
                activity.SetTag(ScimAttributes.Tenant, tenant);
                activity.SetTag(ScimAttributes.StatusCode, status);
                if (status >= StatusCodes.Status500InternalServerError)
                {
                    activity.SetTag(ScimAttributes.ErrorType, status.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    activity.SetStatus(ActivityStatusCode.Error);
                }
            }
        }
    }
}
