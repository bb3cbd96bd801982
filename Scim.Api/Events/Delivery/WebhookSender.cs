using System.Net;
using System.Net.Http.Headers;
using Polly.Timeout;
using Scim.Api.Core.Events;
using Scim.Api.Events.Http;

namespace Scim.Api.Events.Delivery;

/// <summary>
/// Posts one event to one subscription, signed (Standard Webhooks), through the named client whose resilience
/// pipeline cuts off a slow attempt and retries quick failures (<see cref="WebhookHttpClient"/>), and says how it went.
/// Only a 2xx answer delivers; the body of any answer is never read.
/// </summary>
internal sealed class WebhookSender(IHttpClientFactory clients, TimeProvider time)
{
    /// <summary>One request: one event as a CloudEvent, or the events given as one batch when <paramref name="batched"/>.</summary>
    public async Task<DeliveryOutcome> SendAsync(Subscription subscription, IReadOnlyList<ChangeEvent> changes, bool batched, CancellationToken cancellationToken)
    {
        var body = CloudEventBody.Encode(changes, subscription.IncludeValues, batched);
        var messageId = CloudEventBody.MessageId(changes, batched);
        var now = time.GetUtcNow();
        var timestamp = now.ToUnixTimeSeconds();
        // HTTP/2 where the receiver offers it (ALPN over TLS): the lanes share one connection, and their frames are
        // written and read together, a quarter of the service's CPU per event less than HTTP/1.1 (docs/benchmarks.md).
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new ByteArrayContent(body),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(batched ? CloudEventBody.BatchContentType : CloudEventBody.ContentType);
        request.Headers.TryAddWithoutValidation(WebhookSignature.IdHeader, messageId);
        request.Headers.TryAddWithoutValidation(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(
            WebhookSignature.SignatureHeader, WebhookSignature.Header(subscription.SigningSecrets(now), messageId, timestamp, body));
        try
        {
            using var response = await clients.CreateClient(WebhookHttpClient.Name)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? DeliveryOutcome.Delivered
                : DeliveryOutcome.Failed($"HTTP {status}", status switch { 429 => "http_429", >= 500 => "http_5xx", _ => "http_4xx" }, response.RequestedWait(time.GetUtcNow()));
        }
        catch (Exception error) when (RefusedAddressException.FindIn(error) is { } refused)
        {
            return DeliveryOutcome.Failed(refused.Message, "refused", null);
        }
        catch (Exception error) when (error is TimeoutRejectedException || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return DeliveryOutcome.Failed("the receiver did not answer in time", "timeout", null);
        }
        catch (HttpRequestException error)
        {
            return DeliveryOutcome.Failed($"network: {error.HttpRequestError}", "network", null);
        }
    }
}

/// <summary>How one delivery went: delivered, or why not (for the subscription's last error and the metrics).</summary>
internal sealed record DeliveryOutcome(bool Succeeded, string? Error, string? Reason, TimeSpan? RetryAfter)
{
    public static readonly DeliveryOutcome Delivered = new(true, null, null, null);

    public static DeliveryOutcome Failed(string error, string reason, TimeSpan? retryAfter) => new(false, error, reason, retryAfter);
}
