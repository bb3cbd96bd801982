namespace Scim.Api.Hosting.Security;

/// <summary>
/// Headers every response carries. SCIM answers are JSON for machines: nothing may sniff, frame, cache or refer
/// them. Set when the response starts, so they survive the exception handler clearing the response. An endpoint may
/// name a Content-Security-Policy of its own (<see cref="ContentSecurityPolicyMetadata"/>); every other answer gets
/// <see cref="DefaultPolicy"/>.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string DefaultPolicy = "default-src 'none'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = http.GetEndpoint()?.Metadata.GetMetadata<ContentSecurityPolicyMetadata>()?.Policy ?? DefaultPolicy;
            headers["Referrer-Policy"] = "no-referrer";
            // Resources carry PII and change under the client's feet; ETags still allow conditional requests.
            headers.CacheControl = "no-store";
            if (http.Request.IsHttps)
            {
                headers.StrictTransportSecurity = "max-age=31536000";
            }

            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
