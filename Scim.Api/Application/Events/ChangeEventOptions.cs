namespace Scim.Api.Application.Events;

/// <summary>Change events and the subscriptions defined in configuration, bound from <c>Scim:Events</c>.</summary>
public sealed class ChangeEventOptions
{
    public const string SectionName = "Scim:Events";

    /// <summary>
    /// How long events are kept for pull and replay; the purge job deletes older ones (each tenant's newest stays).
    /// A subscription suspended for longer than this misses what was purged meanwhile.
    /// </summary>
    public int RetentionDays { get; set; } = 7;

    /// <summary>
    /// Whether events carry the new values of the changed attributes, for subscriptions that ask for them
    /// (<c>includeValues</c>). Off by default: values are personal data, stored once more in each event. Write-only
    /// and never-returned attributes (password) are never captured.
    /// </summary>
    public bool CaptureValues { get; set; }

    /// <summary>How long a rotated-out secret still signs deliveries (beside the new one), so receivers can switch.</summary>
    public TimeSpan SecretRotationOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Subscriptions defined here rather than through the admin API; the API shows, resumes and replays them.</summary>
    public List<ConfiguredSubscription> Subscriptions { get; set; } = [];
}

/// <summary>One subscription in configuration (<c>Scim:Events:Subscriptions:N:…</c>).</summary>
public sealed class ConfiguredSubscription
{
    public string? Id { get; set; }

    public string? Tenant { get; set; }

    public string? Url { get; set; }

    /// <summary>Signing secrets (<c>whsec_…</c>): every one listed signs each delivery, which is how one is rotated.</summary>
    public List<string> Secrets { get; set; } = [];

    public List<string> ResourceTypes { get; set; } = [];

    public List<string> Operations { get; set; } = [];

    public bool IncludeValues { get; set; }

    /// <summary>Events per request: 1 (one CloudEvent) by default, up to 1,000 as a CloudEvents batch.</summary>
    public int MaxBatchSize { get; set; } = 1;
}
