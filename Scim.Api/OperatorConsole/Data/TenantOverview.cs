using Microsoft.Extensions.Options;
using Scim.Api.Application.ProvisioningLog;
using Scim.Api.Core.Activity;
using Scim.Api.Storage;

namespace Scim.Api.OperatorConsole.Data;

/// <summary>How a tenant's last hour looks at a glance.</summary>
public enum TenantHealth
{
    /// <summary>No request in the last hour.</summary>
    Idle,

    /// <summary>Requests succeed.</summary>
    Healthy,

    /// <summary>Requests were refused by the rate limiter (429), none failed otherwise.</summary>
    Throttled,

    /// <summary>Server errors, or a credential whose last request failed, or a large share of client errors.</summary>
    Failing,
}

/// <summary>One tenant on the overview: its resources, its last hour, its credentials.</summary>
public sealed record TenantSummary(
    string Tenant, long Users, long Groups, RequestCounts LastHour, IReadOnlyList<CredentialActivity> Credentials, TenantHealth Health)
{
    public TimeSpan? P95 => LastHour.Percentile(0.95);
}

/// <summary>
/// Builds the overview from the store: resource counts per tenant and type, and the provisioning log's minute counts
/// and credentials' last calls, which every replica writes to and reads from the same store.
/// </summary>
internal sealed class TenantOverview(IResourceCounter counter, IRequestLog log, TimeProvider time, IOptions<ProvisioningLogOptions> logOptions)
{
    /// <summary>A share of 4xx (429 aside) above which a tenant is failing: an identity provider retries those forever.</summary>
    public const double FailingClientErrorShare = 0.1;

    public async Task<IReadOnlyList<TenantSummary>> ReadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var counts = await counter.CountResourcesAsync(cancellationToken);
        var activity = await log.ActivityAsync(now.AddDays(-logOptions.Value.RetentionDays), now.AddHours(-1), cancellationToken);
        var tenants = counts.Select(count => count.Tenant).Concat(activity.Select(credential => credential.Tenant)).Distinct(StringComparer.Ordinal);
        return [.. tenants
            .Select(tenant =>
            {
                var credentials = activity.Where(credential => credential.Tenant == tenant).OrderByDescending(credential => credential.LastAt).ToList();
                var hour = credentials.Aggregate(RequestCounts.None, (sum, credential) => sum.Add(credential.Recent));
                return new TenantSummary(
                    tenant,
                    counts.Where(count => count.Tenant == tenant && count.ResourceType == "User").Sum(count => count.Count),
                    counts.Where(count => count.Tenant == tenant && count.ResourceType == "Group").Sum(count => count.Count),
                    hour,
                    credentials,
                    HealthOf(hour, credentials));
            })
            .OrderBy(summary => summary.Health == TenantHealth.Failing ? 0 : 1)
            .ThenBy(summary => summary.Tenant, StringComparer.Ordinal)];
    }

    public static TenantHealth HealthOf(RequestCounts hour, IReadOnlyList<CredentialActivity> credentials)
    {
        ArgumentNullException.ThrowIfNull(hour);
        ArgumentNullException.ThrowIfNull(credentials);
        var lastFailed = credentials.Any(credential => credential.RecentStatuses.Count > 0 && IsFailure(credential.RecentStatuses[^1]));
        if (hour.Total == 0)
        {
            return lastFailed ? TenantHealth.Failing : TenantHealth.Idle;
        }

        var clientErrors = hour.ClientError - hour.Throttled;
        if (hour.ServerError > 0 || lastFailed || clientErrors > FailingClientErrorShare * hour.Total)
        {
            return TenantHealth.Failing;
        }

        return hour.Throttled > 0 ? TenantHealth.Throttled : TenantHealth.Healthy;
    }

    /// <summary>What an identity provider cannot recover from by itself: 5xx, 401/403, and 4xx but 404 and 429.</summary>
    public static bool IsFailure(int status) => status >= 500 || (status >= 400 && status is not 404 and not 429);
}
