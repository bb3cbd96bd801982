using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Scim.Api.Tests.Endpoints;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Hosting.Telemetry;

/// <summary>
/// OTLP export is switched on by OTEL_EXPORTER_OTLP_ENDPOINT alone: a stand-in collector on a loopback port receives
/// the service's traces, metrics and logs over OTLP/HTTP, and receives nothing while the variable is unset; spans are
/// then not even recorded unless Telemetry:Tracing asks for them.
/// </summary>
public sealed class OtlpExportTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _received = new();
    private WebApplication? _collector;
    private string _endpoint = "";

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _collector = builder.Build();
        _collector.MapPost("/v1/{signal}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            _received.Enqueue((context.Request.Path, body.ToArray()));
            return Results.Ok();
        });
        await _collector.StartAsync(TestContext.Current.CancellationToken);
        _endpoint = _collector.Urls.Single();
    }

    public async ValueTask DisposeAsync()
    {
        if (_collector is not null)
        {
            await _collector.DisposeAsync();
        }
    }

    private async Task ExerciseAndFlushAsync(ScimApiFactory factory)
    {
        using var client = factory.CreateScimClient();
        await client.CreateUserAsync(ScimHttp.UniqueName("exported"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync($"/scim/v2/Users/{Guid.NewGuid()}")).StatusCode);
        factory.Services.GetService<TracerProvider>()?.ForceFlush();
        factory.Services.GetRequiredService<MeterProvider>().ForceFlush();
        factory.Services.GetRequiredService<LoggerProvider>().ForceFlush();
    }

    [Fact]
    public async Task WithTheEndpointVariable_TracesMetricsAndLogsReachTheCollector()
    {
        using var factory = new ScimApiFactory();
        factory.Settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = _endpoint;
        factory.Settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        factory.Settings["Logging:LogLevel:Scim.Api.Hosting.ScimExceptionHandler"] = "Debug";

        await ExerciseAndFlushAsync(factory);

        var received = _received.ToArray();
        Assert.Contains(received, r => r.Path == "/v1/traces" && Contains(r.Body, "SCIM create User"));
        Assert.Contains(received, r => r.Path == "/v1/metrics" && Contains(r.Body, "scim.requests"));
        Assert.Contains(received, r => r.Path == "/v1/logs" && Contains(r.Body, "rejected with"));
        Assert.All(received, r => Assert.False(Contains(r.Body, factory.WriteToken), $"{r.Path} carries the bearer token"));
    }

    [Fact]
    public async Task WithoutTheEndpointVariable_NothingIsExported()
    {
        using var factory = new ScimApiFactory();

        await ExerciseAndFlushAsync(factory);

        Assert.Empty(_received);
    }

    [Fact]
    public void WithoutTheEndpointVariable_NoSpansAreRecorded()
    {
        using var factory = new ScimApiFactory();

        Assert.Null(factory.Services.GetService<TracerProvider>());
    }

    [Fact]
    public void WithTracingSwitchedOn_SpansAreRecordedWithoutAnExporter()
    {
        using var factory = new ScimApiFactory();
        factory.Settings["Telemetry:Tracing"] = "true";

        Assert.NotNull(factory.Services.GetService<TracerProvider>());
    }

    // OTLP protobuf carries strings as UTF-8 bytes.
    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
