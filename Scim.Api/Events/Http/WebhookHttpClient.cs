using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Scim.Api.Core.Events;

namespace Scim.Api.Events.Http;

/// <summary>
/// The named client webhooks go through. Its handler connects only to allowed addresses (<see cref="GuardedConnector"/>),
/// follows no redirect (a redirect could lead anywhere) and uses no proxy (the connection must go where it was judged
/// to go). Its resilience pipeline (Microsoft.Extensions.Http.Resilience, <c>scim-webhooks</c>) bounds each attempt
/// by <see cref="WebhookDeliveryOptions.AttemptTimeout"/> and retries a few quick failures within one delivery: 5xx,
/// 408, 429, network errors, an attempt's timeout, with exponential back-off and jitter, unless the answer asks for a
/// Retry-After longer than a second. So a call lasts at most <see cref="WebhookDeliveryOptions.RequestRetries"/> + 1
/// attempts and a few short waits, and needs no overall timeout besides the attempts': each timeout costs a timer and
/// a cancellation source per request (docs/benchmarks.md, change events).
/// <para>
/// Why two levels of retry: this pipeline retries per HTTP call, seconds at most, so a blip costs no more than a
/// moment; it cannot wait hours, and it must not, since every retry holds the call. The delivery lane
/// (<see cref="Delivery.SubscriptionWorker"/>) retries the event again and again, with a back-off growing to
/// <see cref="WebhookDeliveryOptions.MaxRetryDelay"/> and honouring a long Retry-After, until it succeeds or the
/// subscription is suspended; it is also where order is kept, since the next event of the same resource waits behind
/// it. No circuit breaker here: the named client serves every subscription, and one failing receiver must not open a
/// circuit for the others; the suspension is the per-subscription breaker.
/// </para>
/// </summary>
internal static class WebhookHttpClient
{
    public const string Name = "scim-webhooks";

    // A Retry-After longer than this is left to the delivery lane: waiting for it inside one call would hold it.
    private static readonly TimeSpan LongestRetryAfterWithinACall = TimeSpan.FromSeconds(1);

    public static IServiceCollection AddWebhookHttpClient(this IServiceCollection services)
    {
        // No log lines per call: the worker logs what fails, and four lines for each delivered event would cost
        // more than the delivery (docs/benchmarks.md, change events).
        services.AddHttpClient(Name)
            .RemoveAllLoggers()
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                ConnectCallback = new GuardedConnector(provider.GetRequiredService<NetworkAddresses>()).ConnectAsync,
                ConnectTimeout = TimeSpan.FromSeconds(5),
                AllowAutoRedirect = false,
                UseProxy = false,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            })
            .AddResilienceHandler(Name, static (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<WebhookDeliveryOptions>>().Value;
                pipeline
                    .AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = Math.Max(options.RequestRetries, 1),
                        Delay = options.RequestRetryDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        ShouldRetryAfterHeader = true,
                        ShouldHandle = options.RequestRetries > 0 ? ShouldRetryWithinTheCall : static _ => ValueTask.FromResult(false),
                    })
                    .AddTimeout(options.AttemptTimeout);
            });
        return services;
    }

    private static ValueTask<bool> ShouldRetryWithinTheCall(RetryPredicateArguments<HttpResponseMessage> args)
    {
        if (RefusedAddressException.FindIn(args.Outcome.Exception) is not null)
        {
            return ValueTask.FromResult(false);
        }

        if (args.Outcome.Result?.RequestedWait(DateTimeOffset.UtcNow) > LongestRetryAfterWithinACall)
        {
            return ValueTask.FromResult(false);
        }

        return ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome));
    }
}
