using System.Globalization;
using System.Text.Json.Nodes;

namespace Scim.Api.Tests.Deploy;

/// <summary>One series of an instant query's result.</summary>
internal sealed record QueriedSample(IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>The HTTP API of a running Prometheus: instant queries and the state of its rules.</summary>
internal sealed class PrometheusApi(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public async Task<IReadOnlyList<QueriedSample>> QueryAsync(string expression, CancellationToken cancellationToken)
    {
        var data = await GetDataAsync($"api/v1/query?query={Uri.EscapeDataString(expression)}", cancellationToken);
        Assert.True(data["resultType"]!.GetValue<string>() == "vector", $"{expression} gives a {data["resultType"]}, not a vector");
        return data["result"]!.AsArray().Select(r => new QueriedSample(
            r!["metric"]!.AsObject().ToDictionary(l => l.Key, l => l.Value!.GetValue<string>(), StringComparer.Ordinal),
            double.Parse(r["value"]![1]!.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture))).ToList();
    }

    /// <summary>The rule groups Prometheus loaded, each rule with its health, last error and (for an alert) state.</summary>
    public async Task<IReadOnlyList<JsonObject>> RulesAsync(CancellationToken cancellationToken)
    {
        var data = await GetDataAsync("api/v1/rules", cancellationToken);
        return data["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).OfType<JsonObject>().ToList();
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonObject> GetDataAsync(string path, CancellationToken cancellationToken)
    {
        var response = JsonNode.Parse(await _http.GetStringAsync(path, cancellationToken))!.AsObject();
        Assert.True(response["status"]?.GetValue<string>() == "success", $"Prometheus answered {path} with {response}");
        return response["data"]!.AsObject();
    }
}
