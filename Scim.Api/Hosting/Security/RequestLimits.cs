using System.Globalization;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Scim.Api.Application;
using Scim.Api.Core.Errors;
using Scim.Api.Http;

namespace Scim.Api.Hosting.Security;

/// <summary>
/// Server-wide limits: Kestrel's body limit equals <c>Scim:MaxPayloadBytes</c> (so no body larger than the SCIM
/// limit is ever buffered), no Server header, and a request timeout answered with 503, Retry-After and a SCIM body.
/// </summary>
public static class RequestLimits
{
    private const int RetryAfterSeconds = 5;

    public static IHostApplicationBuilder AddScimRequestLimits(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RequestLimitOptions>().BindConfiguration(RequestLimitOptions.SectionName)
            .Validate(o => o.MaxStringBytes >= 256, "Scim:MaxStringBytes must be at least 256.")
            .Validate(o => o.RequestTimeout > TimeSpan.Zero, "Scim:RequestTimeout must be a positive time span (e.g. 00:00:30).")
            .ValidateOnStart();
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<ScimServiceOptions>>((kestrel, scim) =>
        {
            kestrel.Limits.MaxRequestBodySize = scim.Value.MaxPayloadBytes;
            kestrel.AddServerHeader = false;
        });
        builder.Services.AddRequestTimeouts();
        builder.Services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<RequestLimitOptions>>((timeouts, limits) =>
            timeouts.DefaultPolicy = new RequestTimeoutPolicy
            {
                Timeout = limits.Value.RequestTimeout,
                TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
                WriteTimeoutResponse = context => WriteTimeoutAsync(context, limits.Value.RequestTimeout),
            });
        return builder;
    }

    private static Task WriteTimeoutAsync(HttpContext context, TimeSpan timeout)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"The request did not finish within {timeout.TotalSeconds:0.###} seconds and was abandoned; retry later.");
        return new ScimJsonResult(ScimErrorBody.Create(StatusCodes.Status503ServiceUnavailable, null, detail), StatusCodes.Status503ServiceUnavailable)
            .ExecuteAsync(context);
    }
}
