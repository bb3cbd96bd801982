namespace Scim.Api.Hosting.RateLimiting;

/// <summary>
/// Limits per tenant (<c>Scim:RateLimit</c>), enforced by each replica on its own:
/// <list type="bullet">
/// <item>a token bucket of requests, refilled with <see cref="PermitsPerSecond"/> tokens every second and holding at
/// most <see cref="Burst"/>; a /Bulk request costs one token per operation;</item>
/// <item>at most <see cref="MaxConcurrentRequests"/> requests of the tenant running at once, and
/// <see cref="QueuedRequests"/> more waiting for one of them to end, so one tenant's expensive requests cannot take
/// every worker of the process.</item>
/// </list>
/// The defaults are far above what identity providers send (Entra provisions at about 25 requests per second per app);
/// they stop one tenant from starving the others.
/// </summary>
public sealed class TenantRateLimitOptions
{
    public const string SectionName = "Scim:RateLimit";

    public int PermitsPerSecond { get; set; } = 1000;

    public int Burst { get; set; } = 2000;

    /// <summary>Requests of one tenant running at once; 0 means eight per core.</summary>
    public int MaxConcurrentRequests { get; set; }

    /// <summary>Requests of one tenant waiting for a running one to end; beyond them a request gets 429.</summary>
    public int QueuedRequests { get; set; } = 256;

    /// <summary>Limits of particular tenants, by tenant name; what a tenant leaves out takes the defaults above.</summary>
    public Dictionary<string, TenantRateLimit> Tenants { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public TenantLimitFigures For(string tenant)
    {
        var own = Tenants.GetValueOrDefault(tenant);
        var concurrent = own?.MaxConcurrentRequests ?? MaxConcurrentRequests;
        return new TenantLimitFigures(
            own?.PermitsPerSecond ?? PermitsPerSecond,
            own?.Burst ?? Burst,
            concurrent > 0 ? concurrent : 8 * Environment.ProcessorCount,
            own?.QueuedRequests ?? QueuedRequests);
    }
}

public sealed class TenantRateLimit
{
    public int? PermitsPerSecond { get; set; }

    public int? Burst { get; set; }

    public int? MaxConcurrentRequests { get; set; }

    public int? QueuedRequests { get; set; }
}

/// <summary>The limits one tenant gets, its own figures over the defaults.</summary>
public sealed record TenantLimitFigures(int PermitsPerSecond, int Burst, int MaxConcurrentRequests, int QueuedRequests);
