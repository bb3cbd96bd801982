namespace Scim.Api.Hosting.RateLimiting;

/// <summary>
/// Requests per tenant (<c>Scim:RateLimit</c>): a token bucket refilled with <see cref="PermitsPerSecond"/> tokens
/// every second and holding at most <see cref="Burst"/>. The defaults are far above what identity providers send
/// (Entra provisions at about 25 requests per second per app); they stop one tenant from starving the others.
/// </summary>
public sealed class TenantRateLimitOptions
{
    public const string SectionName = "Scim:RateLimit";

    public int PermitsPerSecond { get; set; } = 1000;

    public int Burst { get; set; } = 2000;

    /// <summary>Limits of particular tenants, by tenant name; what a tenant leaves out takes the defaults above.</summary>
    public Dictionary<string, TenantRateLimit> Tenants { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public (int PermitsPerSecond, int Burst) For(string tenant) =>
        Tenants.TryGetValue(tenant, out var own)
            ? (own.PermitsPerSecond ?? PermitsPerSecond, own.Burst ?? Burst)
            : (PermitsPerSecond, Burst);
}

public sealed class TenantRateLimit
{
    public int? PermitsPerSecond { get; set; }

    public int? Burst { get; set; }
}
