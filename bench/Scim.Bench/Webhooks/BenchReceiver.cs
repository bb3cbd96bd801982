using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Scim.Bench.Webhooks;

/// <summary>
/// The webhook receiver of the event scenarios: Kestrel on a free loopback port, HTTPS with the certificate given
/// (the service must trust it) or plain HTTP without one (the service must run in Development). It answers 204 at
/// once, checks every request's Standard Webhooks signature with the subscription's secret, and keeps, per CloudEvent
/// id (the event's position), when it first arrived and the change time it carries: the delivery lag. A request holds
/// one CloudEvent, or a batch of them (a JSON array) from a batched subscription.
/// </summary>
internal sealed class BenchReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (DateTimeOffset Arrived, DateTimeOffset Changed)> _first = new(StringComparer.Ordinal);
    private long _requests;
    private long _badSignatures;
    private long _batches;
    private byte[] _key = [];

    private BenchReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public long Requests => Interlocked.Read(ref _requests);

    public long BadSignatures => Interlocked.Read(ref _badSignatures);

    public int Distinct => _first.Count;

    /// <summary>Requests that carried more than one event.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>The secret the service showed when the subscription was created: every signature is checked with it.</summary>
    public string Secret
    {
        set => _key = Convert.FromBase64String(value["whsec_".Length..]);
    }

    public IReadOnlyCollection<(DateTimeOffset Arrived, DateTimeOffset Changed)> FirstArrivals => [.. _first.Values];

    public void Reset()
    {
        _first.Clear();
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _badSignatures, 0);
        Interlocked.Exchange(ref _batches, 0);
    }

    public static async Task<BenchReceiver> StartAsync(string? certificatePath, string? keyPath)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var certificate = certificatePath is null ? null : X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        var receiver = new BenchReceiver(app);
        app.MapPost("/hooks", receiver.ReceiveAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Url = new Uri(address.TrimEnd('/') + "/hooks");
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        var arrived = DateTimeOffset.UtcNow;
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var body = buffer.ToArray();
        Interlocked.Increment(ref _requests);
        var id = context.Request.Headers["webhook-id"].ToString();
        if (!SignatureMatches(id, context.Request.Headers["webhook-timestamp"].ToString(), context.Request.Headers["webhook-signature"].ToString(), body))
        {
            Interlocked.Increment(ref _badSignatures);
        }

        using var json = JsonDocument.Parse(body);
        if (json.RootElement.ValueKind == JsonValueKind.Array)
        {
            if (json.RootElement.GetArrayLength() > 1)
            {
                Interlocked.Increment(ref _batches);
            }

            foreach (var cloudEvent in json.RootElement.EnumerateArray())
            {
                Record(cloudEvent, arrived);
            }
        }
        else
        {
            Record(json.RootElement, arrived);
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private void Record(JsonElement cloudEvent, DateTimeOffset arrived)
    {
        var changed = DateTimeOffset.Parse(cloudEvent.GetProperty("time").GetString()!, CultureInfo.InvariantCulture);
        _first.TryAdd(cloudEvent.GetProperty("id").GetString()!, (arrived, changed));
    }

    // Standard Webhooks: HMAC-SHA256 of "{id}.{timestamp}.{body}", any of the space-separated v1 signatures.
    private bool SignatureMatches(string id, string timestamp, string signatures, byte[] body)
    {
        var content = Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray();
        var expected = Encoding.ASCII.GetBytes("v1," + Convert.ToBase64String(HMACSHA256.HashData(_key, content)));
        return signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(candidate => CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(candidate)));
    }
}
