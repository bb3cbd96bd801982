using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net;
using System.Runtime.InteropServices;
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
/// (the service must trust it) or plain HTTP without one (the service must run in Development). It answers 204 (at
/// once, or after the delay it was started with), checks every request's Standard Webhooks signature with the subscription's secret, and keeps, per CloudEvent
/// id (the event's position), when it first arrived and the change time it carries: the delivery lag. A request holds
/// one CloudEvent, or a batch of them (a JSON array) from a batched subscription.
/// </summary>
internal sealed class BenchReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TimeSpan _answerAfter;
    private readonly ConcurrentDictionary<long, (DateTimeOffset Arrived, DateTimeOffset Changed)> _first = new();
    private long _requests;
    private long _badSignatures;
    private long _batches;
    private byte[] _key = [];

    private BenchReceiver(WebApplication app, TimeSpan answerAfter) => (_app, _answerAfter) = (app, answerAfter);

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

    /// <summary>Starts the receiver; it answers each request <paramref name="answerAfter"/> after reading it.</summary>
    public static async Task<BenchReceiver> StartAsync(string? certificatePath, string? keyPath, TimeSpan answerAfter = default)
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
        var receiver = new BenchReceiver(app, answerAfter);
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
        using var buffer = new MemoryStream((int)(context.Request.ContentLength ?? 0));
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var body = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        Interlocked.Increment(ref _requests);
        var headers = context.Request.Headers;
        if (!SignatureMatches(headers["webhook-id"].ToString(), headers["webhook-timestamp"].ToString(), headers["webhook-signature"].ToString(), body))
        {
            Interlocked.Increment(ref _badSignatures);
        }

        if (RecordEvents(body, arrived) > 1)
        {
            Interlocked.Increment(ref _batches);
        }

        if (_answerAfter > TimeSpan.Zero)
        {
            await Task.Delay(_answerAfter, context.RequestAborted).ConfigureAwait(false);
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    // Reads only each CloudEvent's "id" and "time" (one event, or an array of them) and skips the rest; returns how
    // many events the body held. The service's tests decode whole bodies with the CloudEvents SDK; here the receiver
    // must not cost the shared cores more than an application's would.
    private int RecordEvents(ReadOnlySpan<byte> body, DateTimeOffset arrived)
    {
        var json = new Utf8JsonReader(body);
        json.Read();
        var eventDepth = json.TokenType == JsonTokenType.StartArray ? 1 : 0;
        var count = 0;
        long id = 0;
        DateTimeOffset changed = default;
        while (json.Read())
        {
            if (json.TokenType == JsonTokenType.StartObject && json.CurrentDepth == eventDepth)
            {
                (id, changed) = (0, default);
            }
            else if (json.TokenType == JsonTokenType.EndObject && json.CurrentDepth == eventDepth)
            {
                _first.TryAdd(id, (arrived, changed));
                count++;
            }
            else if (json.TokenType == JsonTokenType.PropertyName && json.CurrentDepth == eventDepth + 1)
            {
                var isId = json.ValueTextEquals("id"u8);
                var isTime = !isId && json.ValueTextEquals("time"u8);
                json.Read();
                if (isId)
                {
                    Utf8Parser.TryParse(json.ValueSpan, out id, out _);
                }
                else if (isTime)
                {
                    changed = json.GetDateTimeOffset();
                }
                else
                {
                    json.Skip();
                }
            }
        }

        return count;
    }

    // Standard Webhooks: HMAC-SHA256 of "{id}.{timestamp}.{body}", any of the space-separated v1 signatures.
    private bool SignatureMatches(string id, string timestamp, string signatures, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        hmac.AppendData(Encoding.UTF8.GetBytes($"{id}.{timestamp}."));
        hmac.AppendData(body);
        Span<byte> mac = stackalloc byte[32];
        hmac.GetHashAndReset(mac);
        var expected = "v1," + Convert.ToBase64String(mac);
        foreach (var candidate in signatures.AsSpan().Split(' '))
        {
            var signature = signatures.AsSpan()[candidate];
            if (signature.Length == expected.Length
                && CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(expected.AsSpan()), MemoryMarshal.AsBytes(signature)))
            {
                return true;
            }
        }

        return false;
    }
}
