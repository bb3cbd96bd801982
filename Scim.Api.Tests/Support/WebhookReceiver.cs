using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scim.Api.Core.Events;

namespace Scim.Api.Tests.Support;

/// <summary>
/// A real webhook receiver: Kestrel on a free loopback port, started by the test, recording every request it gets
/// (headers and body as received) and answering what <see cref="Respond"/> says, after the delay it says.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>What to answer a request: its status and how long to wait first. 204 at once by default.</summary>
    public Func<ReceivedWebhook, (int Status, TimeSpan Delay)> Respond { get; set; } = static _ => (204, TimeSpan.Zero);

    /// <summary>The Retry-After header to answer a request with (seconds or an HTTP date), or null for none.</summary>
    public Func<ReceivedWebhook, string?> RetryAfter { get; set; } = static _ => null;

    public Uri BaseUrl { get; private set; } = null!;

    public Uri Url(string path = "hooks") => new(BaseUrl, path);

    /// <summary>Every request in the order it arrived, answered or not yet.</summary>
    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    /// <summary>The first request of each message id (per path) that was answered 2xx, in the order they were accepted.</summary>
    public IReadOnlyList<ReceivedWebhook> Accepted => [.. _received.Where(r => r.Status is >= 200 and < 300).OrderBy(r => r.AnsweredAt).DistinctBy(r => (r.Path, r.Id))];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{**path}", receiver.HandleAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return receiver;
    }

    /// <summary>Waits until what was accepted satisfies <paramref name="done"/>; fails with what arrived when it does not in time.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> done, TimeSpan? patience = null, bool accepted = true)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var seen = accepted ? Accepted : Received;
            if (done(seen))
            {
                return seen;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"the receiver did not get what was expected in time; it got {Received.Count} requests: "
                    + string.Join(", ", Received.Select(r => $"{r.Id}→{r.Status}")));
            }

            await _arrived.WaitAsync(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _arrived.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var request = context.Request;
        var received = new ReceivedWebhook(
            request.Path.Value ?? "",
            request.Headers[WebhookSignature.IdHeader].ToString(),
            request.Headers[WebhookSignature.TimestampHeader].ToString(),
            request.Headers[WebhookSignature.SignatureHeader].ToString(),
            request.ContentType,
            buffer.ToArray(),
            DateTimeOffset.UtcNow);
        _received.Enqueue(received);
        var (status, delay) = Respond(received);
        try
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, context.RequestAborted);
            }

            received.Status = status;
            received.AnsweredAt = DateTimeOffset.UtcNow;
            context.Response.StatusCode = status;
            if (RetryAfter(received) is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }
        }
        catch (OperationCanceledException)
        {
            received.Status = 0;
        }
        finally
        {
            _arrived.Release();
        }
    }
}

/// <summary>One request the receiver got, with the status it answered (0 while unanswered or when the sender gave up).</summary>
internal sealed record ReceivedWebhook(string Path, string Id, string Timestamp, string Signature, string? ContentType, byte[] Body, DateTimeOffset ReceivedAt)
{
    public int Status { get; set; }

    public DateTimeOffset AnsweredAt { get; set; } = DateTimeOffset.MaxValue;

    public JsonObject CloudEvent => JsonNode.Parse(Body)!.AsObject();

    public JsonObject Data => CloudEvent["data"]!.AsObject();

    public long Position => (long)Data["position"]!;

    public string ResourceId => (string)Data["id"]!;

    public long Version => (long)Data["version"]!;

    public string Operation => (string)Data["operation"]!;

    public bool VerifiesWith(string secret) =>
        WebhookSignature.Verify(secret, Id, Timestamp, Signature, Body, DateTimeOffset.UtcNow, WebhookSignature.DefaultTolerance);
}
