using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Scim.Bench.Http;

/// <summary>
/// One pooled HTTP/1.1 client for every request of the run: keep-alive connections, as many as requests in
/// flight, no cookies, no decompression, and every URL built from the one base URL given on the command line.
/// </summary>
internal sealed class ScimClient : IDisposable
{
    private static readonly MediaTypeHeaderValue ScimJson = new("application/scim+json") { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly string _base;

    public ScimClient(Uri baseUrl, string token, int connections)
    {
        _base = baseUrl.AbsoluteUri.TrimEnd('/');
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, connections),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
        };
        // Entra and Okta give up after 60 s; a request slower than that counts as failed.
        _http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/scim+json"));
    }

    public Task<ScimResponse> GetAsync(string relative, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, relative, null, cancellationToken);

    public Task<ScimResponse> PostAsync(string relative, string body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, relative, body, cancellationToken);

    public Task<ScimResponse> PatchAsync(string relative, string body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, relative, body, cancellationToken);

    /// <summary>Sends one request and reads the whole body; a transport failure or timeout is status 0.</summary>
    public async Task<ScimResponse> SendAsync(HttpMethod method, string relative, string? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, _base + relative);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, ScimJson);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken)
                .ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return new ScimResponse((int)response.StatusCode, bytes, Stopwatch.GetElapsedTime(started));
        }
        catch (HttpRequestException error)
        {
            return ScimResponse.TransportFailure(error.Message, Stopwatch.GetElapsedTime(started));
        }
        catch (TaskCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            return ScimResponse.TransportFailure($"timed out: {error.Message}", Stopwatch.GetElapsedTime(started));
        }
    }

    public void Dispose() => _http.Dispose();
}
