using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Scim.Bench.Http;

/// <summary>
/// The operator console as a browser without script uses it: the sign-in form (its antiforgery token and cookie),
/// then page GETs carrying the console's cookie. The cookies are Secure, which HttpClient's container withholds over
/// plain HTTP, so they are kept here and sent by hand, to the loopback base URL only.
/// </summary>
internal sealed partial class ConsoleClient : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, UseProxy = false })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);
    private readonly string _origin;

    public ConsoleClient(Uri scimBaseUrl) => _origin = scimBaseUrl.GetLeftPart(UriPartial.Authority);

    public async Task SignInAsync(string adminToken, CancellationToken cancellationToken)
    {
        var form = await GetAsync("/console/signin", cancellationToken).ConfigureAwait(false);
        var token = AntiforgeryField().Match(System.Text.Encoding.UTF8.GetString(form.Body));
        if (form.Status != 200 || !token.Success)
        {
            throw new InvalidOperationException($"the console's sign-in form did not load ({form.Describe()}); is Scim:Console:Enabled set?");
        }

        using var request = Request(HttpMethod.Post, "/console/signin");
        request.Content = new FormUrlEncodedContent(
        [
            KeyValuePair.Create("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups["token"].Value)),
            KeyValuePair.Create("token", adminToken),
        ]);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        Keep(response);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString != "/console")
        {
            throw new InvalidOperationException($"the console refused the admin token (HTTP {(int)response.StatusCode}, to {response.Headers.Location})");
        }
    }

    public async Task<ScimResponse> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, path);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            Keep(response);
            return new ScimResponse((int)response.StatusCode, body, Stopwatch.GetElapsedTime(started));
        }
        catch (HttpRequestException error)
        {
            return ScimResponse.TransportFailure(error.Message, Stopwatch.GetElapsedTime(started));
        }
    }

    public void Dispose() => _http.Dispose();

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, _origin + path);
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(cookie => $"{cookie.Key}={cookie.Value}")));
        }

        return request;
    }

    private void Keep(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            return;
        }

        foreach (var pair in values.Select(value => value.Split(';')[0]))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                _cookies[pair[..equals]] = pair[(equals + 1)..];
            }
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
