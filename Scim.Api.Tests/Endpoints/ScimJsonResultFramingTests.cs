using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scim.Api.Endpoints;
using Scim.Api.Http;

namespace Scim.Api.Tests.Endpoints;

/// <summary>
/// On a real Kestrel server: a SCIM body goes out with its length in Content-Length, as one framed message, instead
/// of chunks and a closing chunk sent apart, and a large body arrives whole.
/// </summary>
public sealed class ScimJsonResultFramingTests : IAsyncLifetime
{
    private WebApplication _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/small", () => new ScimJsonResult(new JsonObject { ["userName"] = "bjensen", ["active"] = true }, 200, "W/\"1\""));
        _app.MapGet("/large", () => new ScimJsonResult(Large(), 200));
        await _app.StartAsync(Ct);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task SmallBody_CarriesContentLength_AndNoChunkedFraming()
    {
        var (head, body) = await GetRawAsync("/small");

        Assert.Contains("Content-Length: " + Encoding.UTF8.GetByteCount(body), head, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Transfer-Encoding", head, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("""{"userName":"bjensen","active":true}""", body);
    }

    [Fact]
    public async Task LargeBody_ArrivesWholeAndParses()
    {
        using var client = new HttpClient { BaseAddress = Address() };

        var text = await client.GetStringAsync(new Uri("/large", UriKind.Relative), Ct);

        Assert.Equal(Large().ToJsonString(), JsonNode.Parse(text)!.ToJsonString());
    }

    private static JsonObject Large() => new()
    {
        ["Resources"] = new JsonArray([.. Enumerable.Range(0, 3000).Select(i => (JsonNode)new JsonObject { ["id"] = $"user-{i:D6}", ["userName"] = new string('x', 64) })]),
    };

    private Uri Address() => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    // HTTP/1.1 by hand, so that the framing headers are seen as the server wrote them.
    private async Task<(string Head, string Body)> GetRawAsync(string path)
    {
        var address = Address();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port, Ct);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {address.Authority}\r\nConnection: close\r\n\r\n"), Ct);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync(Ct);
        var split = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (response[..split], response[(split + 4)..]);
    }
}
