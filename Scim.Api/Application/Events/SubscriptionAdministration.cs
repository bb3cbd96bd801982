using Microsoft.Extensions.Options;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Events;
using Scim.Api.Core.Schema;

namespace Scim.Api.Application.Events;

/// <summary>
/// What operators do with a tenant's webhook subscriptions through the admin API, and the pull of its events. A new
/// subscription gets a secret, shown once in the answer to its creation (or to a rotation) and never again; its
/// delivery starts with the tenant's next change. Subscriptions defined in configuration are shown, resumed and
/// replayed here, but changed only in configuration.
/// </summary>
internal sealed class SubscriptionAdministration(
    ISubscriptionStore store,
    IChangeEventLog events,
    SchemaRegistry registry,
    UrlPolicy urls,
    IOptions<ChangeEventOptions> options,
    SubscriptionSignal changed,
    TimeProvider time)
{
    private readonly ChangeEventOptions _options = options.Value;

    public async Task<(StoredSubscription Subscription, string Secret)> CreateAsync(string tenant, SubscriptionInput input, CancellationToken cancellationToken)
    {
        var id = input.Id is null ? Guid.CreateVersion7().ToString("N")[..16] : SubscriptionRules.ValidateId(input.Id);
        var secret = WebhookSignature.NewSecret();
        var subscription = Define(tenant, id, input, [new SubscriptionSecret(secret, null)]);
        var created = await store.CreateSubscriptionAsync(subscription, await LastPositionAsync(tenant, cancellationToken), time.GetUtcNow(), cancellationToken);
        changed.Restarted(tenant, id);
        return (created, secret);
    }

    public Task<IReadOnlyList<StoredSubscription>> ListAsync(string tenant, CancellationToken cancellationToken) =>
        store.ListSubscriptionsAsync(tenant, cancellationToken);

    public async Task<StoredSubscription> GetAsync(string tenant, string id, CancellationToken cancellationToken) =>
        await store.GetSubscriptionAsync(tenant, id, cancellationToken) ?? throw NotFound(tenant, id);

    public async Task<StoredSubscription> ReplaceAsync(string tenant, string id, SubscriptionInput input, CancellationToken cancellationToken)
    {
        var current = await ChangeableAsync(tenant, id, cancellationToken);
        if (input.Id is not null && input.Id != id)
        {
            throw ScimException.InvalidValue($"id: '{input.Id}' differs from the subscription's id '{id}' in the path; an id cannot be changed.");
        }

        var replaced = await store.ReplaceSubscriptionAsync(Define(tenant, id, input, current.Definition.Secrets), cancellationToken);
        changed.Redefined(replaced);
        return replaced;
    }

    public async Task DeleteAsync(string tenant, string id, CancellationToken cancellationToken)
    {
        await ChangeableAsync(tenant, id, cancellationToken);
        await store.DeleteSubscriptionAsync(tenant, id, cancellationToken);
        changed.Restarted(tenant, id);
    }

    /// <summary>Active again, from where delivery stopped; a suspended subscription's events were kept.</summary>
    public Task<StoredSubscription> ResumeAsync(string tenant, string id, CancellationToken cancellationToken) =>
        ResetAsync(tenant, id, null, cancellationToken);

    /// <summary>Delivers again every event of the tenant from <paramref name="fromPosition"/> on (those the subscription wants).</summary>
    public Task<StoredSubscription> ReplayAsync(string tenant, string id, long fromPosition, CancellationToken cancellationToken) =>
        fromPosition < 1
            ? throw ScimException.InvalidValue($"fromPosition: {fromPosition} is not a position; positions start at 1.")
            : ResetAsync(tenant, id, fromPosition - 1, cancellationToken);

    /// <summary>
    /// A new secret, which signs every delivery from now on; the others keep signing beside it for
    /// <see cref="ChangeEventOptions.SecretRotationOverlap"/> (Standard Webhooks: several signatures), then expire.
    /// </summary>
    public async Task<(StoredSubscription Subscription, string Secret)> RotateSecretAsync(string tenant, string id, CancellationToken cancellationToken)
    {
        var current = await ChangeableAsync(tenant, id, cancellationToken);
        var now = time.GetUtcNow();
        var secret = WebhookSignature.NewSecret();
        var kept = current.Definition.Secrets
            .Where(old => old.ExpiresAt is null || old.ExpiresAt > now)
            .Select(old => old with { ExpiresAt = old.ExpiresAt ?? now + _options.SecretRotationOverlap });
        var rotated = await store.ReplaceSubscriptionAsync(current.Definition with { Secrets = [.. kept, new SubscriptionSecret(secret, null)] }, cancellationToken);
        changed.Redefined(rotated);
        return (rotated, secret);
    }

    /// <summary>Up to <paramref name="count"/> of the tenant's events after <paramref name="after"/>, oldest first.</summary>
    public Task<ChangeEventPage> EventsAsync(string tenant, long after, int count, CancellationToken cancellationToken) =>
        after < 0
            ? throw ScimException.InvalidValue($"after: {after} is not a position; use 0 to read from the oldest event kept.")
            : events.ReadEventsAsync(new ChangeEventQuery(tenant, after, count), cancellationToken);

    public async Task<long> LastPositionAsync(string tenant, CancellationToken cancellationToken) =>
        (await events.ReadEventsAsync(new ChangeEventQuery(tenant, long.MaxValue, 0), cancellationToken)).LastPosition;

    private async Task<StoredSubscription> ResetAsync(string tenant, string id, long? cursor, CancellationToken cancellationToken)
    {
        var reset = await store.ResetSubscriptionAsync(tenant, id, cursor, cancellationToken);
        changed.Restarted(tenant, id);
        return reset;
    }

    private Subscription Define(string tenant, string id, SubscriptionInput input, IReadOnlyList<SubscriptionSecret> secrets)
    {
        var url = SubscriptionRules.ValidateUrl(input.Url, urls);
        var types = SubscriptionRules.ValidateResourceTypes(input.ResourceTypes, registry);
        var operations = SubscriptionRules.ValidateOperations(input.Operations);
        if (input.IncludeValues && !_options.CaptureValues)
        {
            throw ScimException.InvalidValue(
                "includeValues: this service does not capture attribute values in its events; an operator turns that on with Scim:Events:CaptureValues.");
        }

        var batch = SubscriptionRules.ValidateMaxBatchSize(input.MaxBatchSize);
        return new Subscription(tenant, id, url, secrets, types, operations, input.IncludeValues, FromConfiguration: false, batch);
    }

    private async Task<StoredSubscription> ChangeableAsync(string tenant, string id, CancellationToken cancellationToken)
    {
        var current = await GetAsync(tenant, id, cancellationToken);
        return current.Definition.FromConfiguration
            ? throw new ScimException(409, null, $"Subscription '{id}' is defined in configuration ({ChangeEventOptions.SectionName}:Subscriptions); change it there.")
            : current;
    }

    private static ScimException NotFound(string tenant, string id) => ScimException.NotFound($"Tenant '{tenant}' has no subscription '{id}'.");
}

/// <summary>A subscription as an operator writes it; <see cref="Id"/> is chosen by the service when null.</summary>
internal sealed record SubscriptionInput(
    string? Id, string? Url, IReadOnlyList<string?>? ResourceTypes, IReadOnlyList<string?>? Operations, bool IncludeValues, long? MaxBatchSize = null);
