using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Scim.Api.Core.Errors;
using Scim.Api.Endpoints;
using Scim.Api.Hosting.Auth;
using Scim.Api.Hosting.Telemetry;

namespace Scim.Api.Hosting.RateLimiting;

/// <summary>
/// Back-pressure per tenant with the ASP.NET Core rate limiter, one token bucket per tenant. Over the limit the
/// answer is 429 with <c>Retry-After</c> and the SCIM error body (the framework's default would be a bare 503).
/// Each rejection is logged at Information with event id <see cref="RejectedEventId"/>, so it can be counted.
/// </summary>
public static partial class TenantRateLimiting
{
    public const string PolicyName = "scim-tenant";
    public const int RejectedEventId = 4290;

    public static IHostApplicationBuilder AddScimRateLimiting(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TenantRateLimitOptions>().BindConfiguration(TenantRateLimitOptions.SectionName)
            .Validate(o => o.PermitsPerSecond > 0, $"{TenantRateLimitOptions.SectionName}:PermitsPerSecond must be a positive number.")
            .Validate(o => o.Burst > 0, $"{TenantRateLimitOptions.SectionName}:Burst must be a positive number.")
            .Validate(o => o.Tenants.Values.All(t => t.PermitsPerSecond is null or > 0 && t.Burst is null or > 0),
                $"{TenantRateLimitOptions.SectionName}:Tenants:<tenant>:PermitsPerSecond and …:Burst must be positive numbers.")
            .ValidateOnStart();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RejectAsync;
        });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptionsMonitor<TenantRateLimitOptions>>((options, limits) =>
            options.AddPolicy(PolicyName, context => PartitionOf(context, limits.CurrentValue)));
        return builder;
    }

    private static RateLimitPartition<string> PartitionOf(HttpContext context, TenantRateLimitOptions limits)
    {
        // Unauthenticated requests are refused by authorization right after; they have no tenant to charge.
        var tenant = context.User.FindFirstValue(ScimClaims.Tenant);
        if (tenant is null)
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        var (permitsPerSecond, burst) = limits.For(tenant);
        return RateLimitPartition.GetTokenBucketLimiter(tenant, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = permitsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var tenant = context.User.FindFirstValue(ScimClaims.Tenant) ?? "";
        LogRejected(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TenantRateLimiting)), tenant);
        ScimMetrics.RecordRateLimitRejection(tenant);

        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var detail = $"Too many requests for this tenant; retry after {seconds} second{(seconds == 1 ? "" : "s")}.";
        await new ScimJsonResult(ScimErrorBody.Create(StatusCodes.Status429TooManyRequests, null, detail), StatusCodes.Status429TooManyRequests)
            .ExecuteAsync(context);
    }

    [LoggerMessage(EventId = RejectedEventId, EventName = "TenantRateLimited", Level = LogLevel.Information,
        Message = "Request rejected: tenant {Tenant} is over its rate limit")]
    private static partial void LogRejected(ILogger logger, string tenant);
}
