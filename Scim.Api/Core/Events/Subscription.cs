namespace Scim.Api.Core.Events;

/// <summary>
/// A tenant's webhook: where its events go (<see cref="Url"/>), which ones (<see cref="ResourceTypes"/> and
/// <see cref="Operations"/>, empty meaning all), whether they carry attribute values, and the secrets they are signed
/// with (Standard Webhooks; several while one is being rotated out). One defined in configuration is
/// <see cref="FromConfiguration"/>: the admin API shows it, resumes and replays it, but does not change it.
/// <see cref="MaxBatchSize"/> 1 sends one CloudEvent per request; more sends the events waiting in a delivery lane
/// together, up to that many, as one CloudEvents batch (an array, in order) per request.
/// </summary>
public sealed record Subscription(
    string Tenant,
    string Id,
    Uri Url,
    IReadOnlyList<SubscriptionSecret> Secrets,
    IReadOnlyList<string> ResourceTypes,
    IReadOnlyList<ChangeOperation> Operations,
    bool IncludeValues,
    bool FromConfiguration,
    int MaxBatchSize = 1)
{
    /// <summary>Whether deliveries are CloudEvents batches (arrays), even of one event, rather than single events.</summary>
    public bool Batched => MaxBatchSize > 1;

    /// <summary>Whether an event passes the subscription's filters.</summary>
    public bool Wants(ChangeEvent change) =>
        (ResourceTypes.Count == 0 || ResourceTypes.Contains(change.ResourceType, StringComparer.OrdinalIgnoreCase))
        && (Operations.Count == 0 || Operations.Contains(change.Operation));

    /// <summary>The secrets a delivery at <paramref name="now"/> is signed with: every one not expired.</summary>
    public IReadOnlyList<string> SigningSecrets(DateTimeOffset now) =>
        [.. Secrets.Where(secret => secret.ExpiresAt is null || secret.ExpiresAt > now).Select(secret => secret.Value)];
}

/// <summary>A signing secret (<c>whsec_</c> and base64); one being rotated out expires.</summary>
public sealed record SubscriptionSecret(string Value, DateTimeOffset? ExpiresAt);

public enum SubscriptionStatus
{
    Active,

    /// <summary>Delivery failed for longer than the configured time: nothing is sent until an operator resumes it.</summary>
    Suspended,
}

/// <summary>
/// Where delivery stands: every event of the tenant up to <see cref="Cursor"/> was delivered (or filtered out).
/// <see cref="Revision"/> moves on with each operator change (resume, replay, a new definition), so that a replica
/// delivering under an older revision stops and starts again from the new state. The lease says which replica
/// delivers, until when.
/// </summary>
public sealed record SubscriptionState(
    long Cursor,
    SubscriptionStatus Status,
    long Revision,
    DateTimeOffset? FailingSince,
    string? LastError,
    string? LeaseOwner,
    DateTimeOffset? LeaseUntil);

public sealed record StoredSubscription(Subscription Definition, SubscriptionState State, DateTimeOffset Created);

/// <summary>
/// What the replica holding the lease records: how far it delivered, since when it fails (null while it succeeds),
/// and until when it keeps the lease; <see cref="Suspend"/> suspends the subscription and gives the lease up.
/// </summary>
public sealed record DeliveryProgress(long Cursor, DateTimeOffset? FailingSince, string? LastError, DateTimeOffset LeaseUntil, bool Suspend = false);
