using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Scim.Bench.Webhooks;

/// <summary>The admin API calls of the event scenarios: create a subscription (keeping the secret it shows once), delete it.</summary>
internal sealed class SubscriptionAdmin(Uri scimBaseUrl, string adminToken, string tenant) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false })
    {
        BaseAddress = new Uri(scimBaseUrl, "/"),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", adminToken) },
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>A subscription to <paramref name="url"/>; a <paramref name="maxBatchSize"/> above 1 makes it send CloudEvents batches.</summary>
    public async Task<(string Id, string Secret)> SubscribeAsync(Uri url, CancellationToken cancellationToken, int maxBatchSize = 1)
    {
        using var content = new StringContent(JsonSerializer.Serialize(new { url = url.ToString(), maxBatchSize }), Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync($"/admin/v1/tenants/{Uri.EscapeDataString(tenant)}/subscriptions", content, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"creating the subscription answered {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        return (json.RootElement.GetProperty("id").GetString()!, json.RootElement.GetProperty("secret").GetString()!);
    }

    public async Task UnsubscribeAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await _http.DeleteAsync($"/admin/v1/tenants/{Uri.EscapeDataString(tenant)}/subscriptions/{id}", cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => _http.Dispose();
}
