namespace Scim.Api.Core.Events;

/// <summary>
/// Webhook subscriptions and their delivery state, kept in the resource store so that every replica sees them and
/// delivery survives restarts. Errors are <see cref="Errors.ScimException"/>s: 404 for a missing subscription, 409
/// for an id in use. Lease and progress calls are conditional: they change nothing and answer null/false when another
/// replica holds the lease or an operator changed the subscription since (its <see cref="SubscriptionState.Revision"/>).
/// </summary>
public interface ISubscriptionStore
{
    /// <summary>Adds a subscription whose delivery starts after <paramref name="cursor"/>.</summary>
    Task<StoredSubscription> CreateSubscriptionAsync(Subscription subscription, long cursor, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a subscription defined in configuration: a new one starts after <paramref name="cursor"/>, an existing
    /// one keeps its delivery state and gets the definition (and a new revision when it differs).
    /// </summary>
    Task UpsertConfiguredSubscriptionAsync(Subscription subscription, long cursor, DateTimeOffset now, CancellationToken cancellationToken);

    Task<StoredSubscription?> GetSubscriptionAsync(string tenant, string id, CancellationToken cancellationToken);

    /// <summary>The subscriptions of a tenant, or of every tenant when null, by tenant and id.</summary>
    Task<IReadOnlyList<StoredSubscription>> ListSubscriptionsAsync(string? tenant, CancellationToken cancellationToken);

    /// <summary>Replaces the definition (URL, filters, values, secrets), keeping the delivery state; a new revision.</summary>
    Task<StoredSubscription> ReplaceSubscriptionAsync(Subscription subscription, CancellationToken cancellationToken);

    Task DeleteSubscriptionAsync(string tenant, string id, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the state an operator asks for: active again (resume), from a position (replay: delivery restarts after
    /// <paramref name="cursor"/> when given), with the failure cleared and a new revision.
    /// </summary>
    Task<StoredSubscription> ResetSubscriptionAsync(string tenant, string id, long? cursor, CancellationToken cancellationToken);

    /// <summary>
    /// Takes (or renews) the lease of an active subscription for <paramref name="owner"/> until <paramref name="until"/>,
    /// when no other owner holds an unexpired one at <paramref name="now"/>; the subscription as it then is, else null.
    /// </summary>
    Task<StoredSubscription?> TryLeaseAsync(string tenant, string id, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Records delivery progress while <paramref name="owner"/> holds the lease at <paramref name="revision"/>; false otherwise.</summary>
    Task<bool> SaveProgressAsync(string tenant, string id, string owner, long revision, DeliveryProgress progress, CancellationToken cancellationToken);

    /// <summary>Gives the lease up (graceful stop), when held by <paramref name="owner"/>.</summary>
    Task ReleaseLeaseAsync(string tenant, string id, string owner, CancellationToken cancellationToken);
}
