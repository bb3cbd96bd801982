using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Scim.Api.Core.Errors;
using Scim.Api.Hosting.Auth;
using Scim.Api.Hosting.Telemetry;
using Scim.Api.Http;

namespace Scim.Api.Hosting.RateLimiting;

/// <summary>
/// Back-pressure per tenant (<see cref="TenantRateLimitOptions"/>): endpoints marked <see cref="TenantLimited"/> take
/// a token of the tenant's bucket and one of its concurrency slots. Over a limit the answer is 429 with
/// <c>Retry-After</c> and the SCIM error body; each rejection is logged at Information with event id
/// <see cref="RejectedEventId"/> and counted in <c>scim.ratelimit.rejections</c>.
/// </summary>
public static partial class TenantRateLimiting
{
    public const int RejectedEventId = 4290;

    public static IHostApplicationBuilder AddScimRateLimiting(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TenantRateLimitOptions>().BindConfiguration(TenantRateLimitOptions.SectionName)
            .Validate(o => o.PermitsPerSecond > 0, $"{TenantRateLimitOptions.SectionName}:PermitsPerSecond must be a positive number.")
            .Validate(o => o.Burst > 0, $"{TenantRateLimitOptions.SectionName}:Burst must be a positive number.")
            .Validate(o => o.MaxConcurrentRequests >= 0, $"{TenantRateLimitOptions.SectionName}:MaxConcurrentRequests must be 0 (eight per core) or a positive number.")
            .Validate(o => o.QueuedRequests >= 0, $"{TenantRateLimitOptions.SectionName}:QueuedRequests must not be negative.")
            .Validate(o => o.Tenants.Values.All(t => t.PermitsPerSecond is null or > 0 && t.Burst is null or > 0
                    && t.MaxConcurrentRequests is null or > 0 && t.QueuedRequests is null or >= 0),
                $"{TenantRateLimitOptions.SectionName}:Tenants:<tenant>:PermitsPerSecond, …:Burst and …:MaxConcurrentRequests must be positive numbers, …:QueuedRequests not negative.")
            .ValidateOnStart();
        builder.Services.AddSingleton<TenantLimiters>();
        return builder;
    }

    /// <summary>The limits, after authentication (they need the tenant) and before authorization.</summary>
    public static IApplicationBuilder UseScimTenantLimits(this IApplicationBuilder app) => app.Use(LimitAsync);

    /// <summary>
    /// Takes <paramref name="tokens"/> more from the tenant's bucket for a request that costs more than one (a /Bulk
    /// request costs one token per operation); false when they are not there, in which case the 429 is written.
    /// </summary>
    public static async Task<bool> TryChargeAsync(HttpContext context, int tokens)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (tokens <= 0 || context.User.FindFirstValue(ScimClaims.Tenant) is not { } tenant)
        {
            return true;
        }

        var limiter = context.RequestServices.GetRequiredService<TenantLimiters>().For(tenant);
        if (tokens > limiter.Figures.Burst)
        {
            await RejectAsync(context, tenant, TimeSpan.FromSeconds(1),
                $"This request costs {tokens + 1} requests of the tenant's rate limit (one per bulk operation), more than its burst of {limiter.Figures.Burst} allows at once: split it");
            return false;
        }

        using var lease = limiter.Requests.AttemptAcquire(tokens);
        if (lease.IsAcquired)
        {
            return true;
        }

        await RejectAsync(context, tenant, RetryAfter(lease), $"This request costs {tokens + 1} requests of the tenant's rate limit (one per bulk operation), more than it has left");
        return false;
    }

    private static async Task LimitAsync(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<TenantLimited>() is null || context.User.FindFirstValue(ScimClaims.Tenant) is not { } tenant)
        {
            // Unauthenticated requests are refused by authorization right after; they have no tenant to charge.
            await next(context);
            return;
        }

        var limiter = context.RequestServices.GetRequiredService<TenantLimiters>().For(tenant);
        using (var token = limiter.Requests.AttemptAcquire(1))
        {
            if (!token.IsAcquired)
            {
                await RejectAsync(context, tenant, RetryAfter(token), "Too many requests for this tenant");
                return;
            }
        }

        using var slot = await limiter.InFlight.AcquireAsync(1, context.RequestAborted);
        if (!slot.IsAcquired)
        {
            await RejectAsync(context, tenant, TimeSpan.FromSeconds(1), "Too many requests of this tenant are running at once");
            return;
        }

        await next(context);
    }

    private static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);

    private static async Task RejectAsync(HttpContext context, string tenant, TimeSpan wait, string reason)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        LogRejected(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TenantRateLimiting)), tenant);
        ScimMetrics.RecordRateLimitRejection(tenant);

        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var detail = $"{reason}; retry after {seconds} second{(seconds == 1 ? "" : "s")}.";
        await new ScimJsonResult(ScimErrorBody.Create(StatusCodes.Status429TooManyRequests, null, detail), StatusCodes.Status429TooManyRequests)
            .ExecuteAsync(context);
    }

    [LoggerMessage(EventId = RejectedEventId, EventName = "TenantRateLimited", Level = LogLevel.Information,
        Message = "Request rejected: tenant {Tenant} is over its rate limit")]
    private static partial void LogRejected(ILogger logger, string tenant);
}

/// <summary>Marks the endpoints whose requests count against their tenant's limits.</summary>
public sealed class TenantLimited
{
    public static readonly TenantLimited Instance = new();

    private TenantLimited()
    {
    }
}
