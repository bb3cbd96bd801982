using Scim.Api.Core.Events;

namespace Scim.Api.Application.Events;

/// <summary>
/// Tells this replica's webhook delivery that an operator changed a subscription here, so that the next event is
/// delivered as the operator asked rather than after the next progress check. Other replicas learn of the change at
/// that check (the subscription's revision), within <c>Scim:Events:Delivery:ProgressInterval</c>.
/// </summary>
public sealed class SubscriptionSignal
{
    /// <summary>
    /// The tenant, the subscription's id, and its new definition when only that changed (delivery state kept), or
    /// null when it was created, deleted, resumed or replayed.
    /// </summary>
    public event Action<string, string, StoredSubscription?>? Changed;

    /// <summary>A new URL, filters or secrets: whoever delivers it here carries on with them, from where it was.</summary>
    public void Redefined(StoredSubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        Changed?.Invoke(subscription.Definition.Tenant, subscription.Definition.Id, subscription);
    }

    /// <summary>Created, deleted, resumed or replayed: whoever delivers it here stops, and it is leased again as it now is.</summary>
    public void Restarted(string tenant, string id) => Changed?.Invoke(tenant, id, null);
}
