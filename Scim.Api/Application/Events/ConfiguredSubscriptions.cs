using Scim.Api.Core.Errors;
using Scim.Api.Core.Events;
using Scim.Api.Core.Schema;

namespace Scim.Api.Application.Events;

/// <summary>
/// The subscriptions of <c>Scim:Events:Subscriptions</c>, checked by the rules the admin API applies, each error
/// naming its configuration key (<c>Scim:Events:Subscriptions:0:Url: …</c>), so that start-up fails on a bad one.
/// </summary>
internal static class ConfiguredSubscriptions
{
    public static IReadOnlyList<Subscription> Read(ChangeEventOptions options, SchemaRegistry registry, UrlPolicy urls, out IReadOnlyList<string> errors)
    {
        var subscriptions = new List<Subscription>();
        var problems = new List<string>();
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < options.Subscriptions.Count; i++)
        {
            var configured = options.Subscriptions[i];
            var key = $"{ChangeEventOptions.SectionName}:Subscriptions:{i}";
            try
            {
                var tenant = string.IsNullOrWhiteSpace(configured.Tenant)
                    ? throw ScimException.InvalidValue($"{key}:Tenant: a subscription belongs to a tenant; name it.")
                    : configured.Tenant;
                var id = SubscriptionRules.ValidateId(configured.Id, $"{key}:Id");
                if (!seen.Add((tenant, id)))
                {
                    throw ScimException.InvalidValue($"{key}:Id: tenant '{tenant}' has another configured subscription '{id}'.");
                }

                if (configured.Secrets.Count == 0)
                {
                    throw ScimException.InvalidValue($"{key}:Secrets: a subscription needs at least one secret (whsec_ and base64 of 24 to 64 random bytes).");
                }

                var secrets = configured.Secrets.Select((secret, n) => new SubscriptionSecret(SubscriptionRules.ValidateSecret(secret, $"{key}:Secrets:{n}"), null)).ToList();
                if (configured.IncludeValues && !options.CaptureValues)
                {
                    throw ScimException.InvalidValue($"{key}:IncludeValues: events carry no values unless {ChangeEventOptions.SectionName}:CaptureValues is true.");
                }

                subscriptions.Add(new Subscription(
                    tenant,
                    id,
                    SubscriptionRules.ValidateUrl(configured.Url, urls, $"{key}:Url"),
                    secrets,
                    SubscriptionRules.ValidateResourceTypes(configured.ResourceTypes, registry, $"{key}:ResourceTypes"),
                    SubscriptionRules.ValidateOperations(configured.Operations, $"{key}:Operations"),
                    configured.IncludeValues,
                    FromConfiguration: true,
                    SubscriptionRules.ValidateMaxBatchSize(configured.MaxBatchSize, $"{key}:MaxBatchSize")));
            }
            catch (ScimException invalid)
            {
                problems.Add(invalid.Detail);
            }
        }

        errors = problems;
        return subscriptions;
    }
}
