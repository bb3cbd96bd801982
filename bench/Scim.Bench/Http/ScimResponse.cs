using System.Text;
using System.Text.Json;

namespace Scim.Bench.Http;

/// <summary>A response as the benchmark sees it: the status (0 when no response came), the body and the latency.</summary>
internal sealed record ScimResponse(int Status, byte[] Body, TimeSpan Elapsed, string? TransportError = null)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public static ScimResponse TransportFailure(string error, TimeSpan elapsed) => new(0, [], elapsed, error);

    public JsonDocument Json() => JsonDocument.Parse(Body);

    /// <summary>The top-level string property of a JSON object body, or null.</summary>
    public string? StringProperty(string name)
    {
        if (Body.Length == 0)
        {
            return null;
        }

        using var document = Json();
        return document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
    }

    public string Describe()
    {
        if (Status == 0)
        {
            return $"no response ({TransportError})";
        }

        var text = Encoding.UTF8.GetString(Body);
        return $"HTTP {Status}: {(text.Length > 300 ? text[..300] + "…" : text)}";
    }
}
