using System.Text.Json.Nodes;
using Scim.Api.Core.Events;
using Scim.Api.Core.Storage;

namespace Scim.Api.Storage;

/// <summary>
/// A subscription's definition as the stores keep it: one JSON object (URL, secrets with their expiry, filters,
/// whether values go out, the batch size). The secrets are stored as they are: delivery signs with them, so they
/// cannot be hashed; they are never returned by a read of the admin API, nor logged.
/// </summary>
internal static class SubscriptionDefinitions
{
    public static JsonObject ToJson(Subscription subscription) => new()
    {
        ["url"] = subscription.Url.OriginalString,
        ["secrets"] = new JsonArray([.. subscription.Secrets.Select(secret => (JsonNode)new JsonObject
        {
            ["value"] = secret.Value,
            ["expiresAt"] = secret.ExpiresAt is { } expires ? RoundTripTime.Format(expires) : null,
        })]),
        ["resourceTypes"] = new JsonArray([.. subscription.ResourceTypes.Select(name => (JsonNode)name)]),
        ["operations"] = new JsonArray([.. subscription.Operations.Select(operation => (JsonNode)ChangeOperationNames.Of(operation))]),
        ["includeValues"] = subscription.IncludeValues,
        ["maxBatchSize"] = subscription.MaxBatchSize,
    };

    public static Subscription FromJson(string tenant, string id, bool fromConfiguration, JsonObject definition) => new(
        tenant,
        id,
        new Uri((string)definition["url"]!, UriKind.Absolute),
        [.. definition["secrets"]!.AsArray().Select(secret => new SubscriptionSecret(
            (string)secret!["value"]!,
            secret["expiresAt"] is { } expires ? RoundTripTime.Parse((string)expires!) : null))],
        [.. definition["resourceTypes"]!.AsArray().Select(name => (string)name!)],
        [.. definition["operations"]!.AsArray().Select(name => ChangeOperationNames.Parse((string)name!))],
        (bool)definition["includeValues"]!,
        fromConfiguration,
        // Absent from definitions written before batches existed.
        (int?)definition["maxBatchSize"] ?? 1);

    public static string StatusName(SubscriptionStatus status) => status == SubscriptionStatus.Suspended ? "suspended" : "active";

    public static SubscriptionStatus ParseStatus(string name) => name == "suspended" ? SubscriptionStatus.Suspended : SubscriptionStatus.Active;

    public static Core.Errors.ScimException NotFound(string tenant, string id) =>
        Core.Errors.ScimException.NotFound($"Tenant '{tenant}' has no subscription '{id}'.");

    public static Core.Errors.ScimException Duplicate(string tenant, string id) =>
        Core.Errors.ScimException.Uniqueness($"Tenant '{tenant}' already has a subscription '{id}'.");
}
