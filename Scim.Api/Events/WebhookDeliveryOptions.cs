namespace Scim.Api.Events;

/// <summary>How webhooks are delivered, bound from <c>Scim:Events:Delivery</c>.</summary>
public sealed class WebhookDeliveryOptions
{
    public const string SectionName = "Scim:Events:Delivery";

    /// <summary>Whether this replica delivers at all (a replica that only serves SCIM can leave it to the others).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often a delivering replica looks for new events of a subscription it holds.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long a delivering replica, woken by a change, lets more changes gather before it reads them: a burst is read
    /// in one query, and a batched subscription gets fuller batches; every event waits that much longer.
    /// </summary>
    public TimeSpan GatherDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How often each replica lists the subscriptions, to take up those whose lease is free or expired.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a replica's hold on a subscription lasts without renewal. A replica that dies (kill -9, a lost node)
    /// is replaced after at most this long; one that cannot renew stops sending before it runs out.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a delivering replica records its progress (and renews its lease); a third of the lease at most.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Events read per query.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// Deliveries of one subscription in flight at once, each to a different resource: events of one resource always go
    /// one at a time, in order, in the lane its resource hashes to. A subscription's throughput is about this many
    /// events per receiver round trip (64 lanes and a receiver answering in 25 ms: about 2,500 a second, less as the
    /// lanes' shares of the resources vary), and on HTTP/2 the requests in flight share frames and writes, so each
    /// costs less CPU than with a few lanes.
    /// </summary>
    public int Lanes { get; set; } = 64;

    /// <summary>Events read ahead of the oldest one not yet delivered, at most.</summary>
    public int MaxInFlight { get; set; } = 2000;

    /// <summary>The most one HTTP attempt may take; a slower receiver is cut off and the attempt counts as failed.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Quick retries within one delivery (5xx, 408, 429, network errors), by the HTTP client's resilience pipeline.</summary>
    public int RequestRetries { get; set; } = 2;

    public TimeSpan RequestRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The first wait before a failed delivery is tried again; it doubles (with jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a subscription may keep failing before it is suspended: its events are kept, nothing more is sent until
    /// an operator resumes it (<c>POST …/resume</c>).
    /// </summary>
    public TimeSpan SuspendAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Networks (CIDR) webhooks may reach besides public addresses: loopback, private and link-local addresses are
    /// refused otherwise, at the time of each connection. In the Development environment loopback is allowed.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];
}
