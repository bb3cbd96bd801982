using System.Security.Claims;
using Microsoft.Extensions.Options;
using Scim.Api.Application.ProvisioningLog;
using Scim.Api.Core.Activity;
using Scim.Api.Hosting.Auth;
using Scim.Api.Http;

namespace Scim.Api.Hosting.Telemetry;

/// <summary>
/// Turns an answered SCIM request into its provisioning-log entry and leaves it in the buffer; the request never waits
/// for the store. What is kept is what the privacy rules of the logs allow: the route template (never the path or the
/// query string, where a filter holds values), the resource id from the route, the User-Agent, and the error's
/// <c>scimType</c> and detail with every value scrubbed (<see cref="ErrorDetailScrubber"/>).
/// </summary>
internal sealed class ProvisioningLogCapture(RequestLogBuffer buffer, ErrorDetailScrubber scrubber, IOptions<ProvisioningLogOptions> options, TimeProvider time)
{
    /// <summary>The tenant of requests that were answered before a credential was recognized (401).</summary>
    public const string Unauthenticated = "(unauthenticated)";

    /// <summary>The credential of those requests.</summary>
    public const string NoCredential = "(none)";

    private const int MaxIdLength = 200;

    public bool IsEnabled { get; } = options.Value.Enabled == true;

    /// <summary>What only the request's start knows: the exception handler clears the endpoint and route values.</summary>
    public static (string? Route, string? Id) RouteOf(HttpContext context) => (
        (context.GetEndpoint() as RouteEndpoint)?.RoutePattern is { } pattern ? TemplateOf(pattern).TrimEnd('/') : null,
        context.Request.RouteValues.TryGetValue("id", out var value) ? value as string : null);

    public void Record(HttpContext context, ScimOperation operation, (string? Route, string? Id) target, int status, TimeSpan duration)
    {
        if (!IsEnabled)
        {
            return;
        }

        var user = context.User;
        var error = status >= StatusCodes.Status400BadRequest ? context.Features.Get<ScimErrorFeature>() : null;
        var (route, id) = target;
        buffer.Add(new RequestLogEntry(
            user.FindFirstValue(ScimClaims.Tenant) ?? Unauthenticated,
            time.GetUtcNow() - duration,
            user.FindFirstValue(ScimClaims.CredentialId) ?? NoCredential,
            Printable(context.Request.Headers.UserAgent.ToString(), RequestLogEntry.MaxClientLength),
            context.Request.Method,
            route is null ? "(no route)" : "/" + route.TrimStart('/'),
            operation.Name,
            operation.ResourceType,
            id is null ? null : Printable(id, MaxIdLength),
            status,
            error?.ScimType,
            scrubber.Scrub(error?.Detail),
            duration));
    }

    // A group's pattern has no raw text; its segments give the same template (/scim/v2/Users/{id}).
    private static string TemplateOf(Microsoft.AspNetCore.Routing.Patterns.RoutePattern pattern) =>
        pattern.RawText ?? "/" + string.Join('/', pattern.PathSegments.Where(segment => segment.Parts.Count > 0).Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => $"{{{parameter.Name}}}",
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));

    private static string? Printable(string text, int maxLength)
    {
        if (text.Length == 0)
        {
            return null;
        }

        var cut = text.Length > maxLength ? text[..maxLength] : text;
        return string.Concat(cut.Select(c => char.IsControl(c) ? '?' : c));
    }
}
