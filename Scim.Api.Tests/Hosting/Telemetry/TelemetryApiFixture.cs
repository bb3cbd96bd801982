using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Scim.Api.Hosting.Telemetry;
using Scim.Api.Tests.Endpoints;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Hosting.Telemetry;

/// <summary>One log record as a test reads it (the SDK recycles LogRecord objects).</summary>
public sealed record CapturedLog(string Category, Microsoft.Extensions.Logging.LogLevel Level, ActivityTraceId TraceId, string Text);

/// <summary>
/// The real service with in-memory span, metric and log exporters added to its OpenTelemetry setup, and a tenant of its
/// own. Sources and meters are process-wide, so other test hosts running in parallel also reach these exporters: tests
/// select what is theirs by this tenant, or by the traces of their own requests.
/// </summary>
public sealed class TelemetryApiFixture : IDisposable
{
    private readonly ScimApiFactory _api = new();
    private readonly Recorded<Activity, Activity> _spans = new(activity => activity);
    private readonly Recorded<MetricSnapshot, MetricSnapshot> _metrics = new(metric => metric);
    private readonly Recorded<LogRecord, CapturedLog> _logs = new(record => new CapturedLog(
        record.CategoryName ?? "",
        record.LogLevel,
        record.TraceId,
        string.Join(" | ", new[] { record.FormattedMessage ?? "" }.Concat(
            record.Attributes?.Select(attribute => $"{attribute.Key}={attribute.Value}") ?? []))));

    public TelemetryApiFixture()
    {
        _api.Settings["Scim:Auth:Tokens:0:Tenant"] = Tenant;
        _api.Settings["Telemetry:Tracing"] = "true";
        _api.Settings["Logging:LogLevel:Scim.Api.Hosting.ScimExceptionHandler"] = "Debug";
        Factory = _api.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));
            services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(_metrics));
            services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddInMemoryExporter(_logs));
        }));
    }

    public string Tenant { get; } = "telemetry-" + Guid.NewGuid().ToString("N")[..8];

    public string Token => _api.WriteToken;

    public WebApplicationFactory<Program> Factory { get; }

    public HttpClient CreateClient()
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    public T Service<T>()
        where T : notnull => Factory.Services.GetRequiredService<T>();

    public TService HostedService<TService>()
        where TService : IHostedService => Factory.Services.GetServices<IHostedService>().OfType<TService>().Single();

    public IEnumerable<T> Services<T>() => Factory.Services.GetServices<T>();

    public IReadOnlyList<CapturedLog> Logs => _logs.Snapshot();

    /// <summary>
    /// Sends a request as part of a new trace (a W3C traceparent header, which ASP.NET Core continues) and returns the
    /// response, its body read, with the trace's id.
    /// </summary>
    public static async Task<(HttpResponseMessage Response, ActivityTraceId TraceId)> SendTracedAsync(HttpClient client, HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        var traceId = ActivityTraceId.CreateRandom();
        request.Headers.TryAddWithoutValidation("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        await response.Content.LoadIntoBufferAsync(TestContext.Current.CancellationToken);
        return (response, traceId);
    }

    /// <summary>The spans of one trace, once its server span (the last to end) has been exported.</summary>
    public async Task<IReadOnlyList<Activity>> SpansOfTraceAsync(ActivityTraceId traceId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var spans = _spans.Snapshot().Where(span => span.TraceId == traceId).ToList();
            if (spans.Any(span => span.Kind == ActivityKind.Server) || DateTime.UtcNow > deadline)
            {
                return spans;
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Spans of traces that are not expected to be recorded, after a later traced request has been.</summary>
    public IReadOnlyList<Activity> SpansOf(ActivityTraceId traceId) => [.. _spans.Snapshot().Where(span => span.TraceId == traceId)];

    /// <summary>The metrics exported on a forced collection, latest cumulative values.</summary>
    public IReadOnlyList<MetricSnapshot> CollectMetrics() => CollectMetrics(Factory.Services);

    /// <summary>As <see cref="CollectMetrics()"/>, from the meter provider of a host derived from <see cref="Factory"/>.</summary>
    public IReadOnlyList<MetricSnapshot> CollectMetrics(IServiceProvider services)
    {
        _metrics.Clear();
        services.GetRequiredService<MeterProvider>().ForceFlush();
        return _metrics.Snapshot();
    }

    public void Dispose() => _api.Dispose();
}
