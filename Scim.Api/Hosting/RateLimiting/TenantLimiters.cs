using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Scim.Api.Hosting.RateLimiting;

/// <summary>
/// Each tenant's request bucket and concurrency limiter, made on the tenant's first request and kept for the life of
/// the process (tenants are the configured credentials' tenants: a bounded set).
/// </summary>
public sealed class TenantLimiters(IOptionsMonitor<TenantRateLimitOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<TenantLimiter>> _tenants = new(StringComparer.Ordinal);

    public TenantLimiter For(string tenant) =>
        _tenants.GetOrAdd(tenant, static (name, figures) => new Lazy<TenantLimiter>(() => new TenantLimiter(figures.For(name))), options.CurrentValue).Value;

    public void Dispose()
    {
        foreach (var tenant in _tenants.Values.Where(t => t.IsValueCreated))
        {
            tenant.Value.Dispose();
        }
    }
}

/// <summary>One tenant's limiters.</summary>
public sealed class TenantLimiter(TenantLimitFigures figures) : IDisposable
{
    public TenantLimitFigures Figures { get; } = figures;

    public TokenBucketRateLimiter Requests { get; } = new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = figures.Burst,
        TokensPerPeriod = figures.PermitsPerSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    });

    public ConcurrencyLimiter InFlight { get; } = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = figures.MaxConcurrentRequests,
        QueueLimit = figures.QueuedRequests,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public void Dispose()
    {
        Requests.Dispose();
        InFlight.Dispose();
    }
}
