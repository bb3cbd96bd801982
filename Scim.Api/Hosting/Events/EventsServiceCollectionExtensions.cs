using Microsoft.Extensions.Options;
using Scim.Api.Application.Events;
using Scim.Api.Core.Events;
using Scim.Api.Events;
using Scim.Api.Events.Delivery;
using Scim.Api.Events.Http;

namespace Scim.Api.Hosting.Events;

public static class EventsServiceCollectionExtensions
{
    /// <summary>
    /// Change events and their webhooks: options (<c>Scim:Events</c>, <c>Scim:Events:Delivery</c>, both validated at
    /// start with messages naming the key), the networks webhooks may reach (loopback too in Development, where plain
    /// HTTP to loopback is accepted as well), the subscriptions' administration, the webhook HTTP client and its
    /// resilience pipeline, and the delivery coordinator every replica runs.
    /// </summary>
    public static IHostApplicationBuilder AddScimEvents(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<ChangeEventOptions>().BindConfiguration(ChangeEventOptions.SectionName)
            .Validate(o => o.RetentionDays > 0, $"{ChangeEventOptions.SectionName}:RetentionDays must be a positive number of days.")
            .Validate(o => o.SecretRotationOverlap >= TimeSpan.Zero, $"{ChangeEventOptions.SectionName}:SecretRotationOverlap must not be negative.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ChangeEventOptions>, ConfiguredSubscriptionsValidator>();
        builder.Services.AddOptions<WebhookDeliveryOptions>().BindConfiguration(WebhookDeliveryOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WebhookDeliveryOptions>, WebhookDeliveryOptionsValidator>();
        builder.Services.AddSingleton(provider => NetworkAddresses.Parse(
            provider.GetRequiredService<IOptions<WebhookDeliveryOptions>>().Value.AllowedNetworks,
            $"{WebhookDeliveryOptions.SectionName}:AllowedNetworks",
            withLoopback: development));
        builder.Services.AddSingleton(provider => new UrlPolicy(provider.GetRequiredService<NetworkAddresses>(), AllowPlainHttpToLoopback: development));
        builder.Services.AddSingleton<SubscriptionSignal>();
        builder.Services.AddSingleton<SubscriptionAdministration>();
        builder.Services.AddWebhookHttpClient();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddSingleton<DeliveryCoordinator>();
        if (builder.Configuration.GetValue($"{WebhookDeliveryOptions.SectionName}:{nameof(WebhookDeliveryOptions.Enabled)}", true))
        {
            builder.Services.AddHostedService(provider => provider.GetRequiredService<DeliveryCoordinator>());
        }

        return builder;
    }
}
