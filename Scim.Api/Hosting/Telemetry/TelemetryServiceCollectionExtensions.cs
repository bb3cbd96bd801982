using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MongoDB.Driver;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Scim.Api.Hosting.Network;

namespace Scim.Api.Hosting.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Where OTLP export is switched on: the standard variable, read through configuration.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The meter Polly's telemetry (Polly.Extensions) reports pipeline events and durations to.</summary>
    public const string PollyMeterName = "Polly";

    private const string DefaultServiceName = "scim";

    /// <summary>
    /// OpenTelemetry traces, metrics and logs. Sources: ASP.NET Core (health and metrics endpoints left out), outgoing
    /// HTTP, the MongoDB driver's ActivitySource, the "Scim" ActivitySource and Meter, Polly's meter and the .NET runtime.
    /// Export: OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the other OTEL_* variables apply as usual), and a
    /// Prometheus scrape endpoint when <c>Telemetry:Prometheus:Enabled</c> is true. Spans are recorded only when
    /// something exports them (<see cref="TelemetryOptions.Tracing"/>).
    /// </summary>
    public static IHostApplicationBuilder AddScimTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName)
            .Validate(o => o.ResourceCountRefreshSeconds >= 0, "Telemetry:ResourceCountRefreshSeconds must not be negative.")
            .Validate(o => o.Prometheus.Path.StartsWith('/'), "Telemetry:Prometheus:Path must start with '/'.")
            .Validate(o => o.Prometheus.Port is null or > 0 and <= 65535, "Telemetry:Prometheus:Port must be a TCP port (1-65535).")
            .ValidateOnStart();
        builder.Services.AddLocalPortRouting();
        builder.Services.AddHostedService<ResourceCountGauge>();
        builder.Services.AddSingleton<IHealthCheckPublisher, StoreAvailabilityGauge>();
        builder.Services.Configure<HealthCheckPublisherOptions>(options => options.Period = TimeSpan.FromSeconds(15));

        var telemetry = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var exportsOtlp = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]);
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                serviceName: builder.Configuration["OTEL_SERVICE_NAME"] ?? DefaultServiceName,
                serviceVersion: typeof(ScimTelemetry).Assembly.GetName().Version?.ToString()));
        if (telemetry.Tracing ?? exportsOtlp)
        {
            otel.WithTracing(tracing => tracing
                .AddSource(ScimTelemetry.ActivitySourceName)
                .AddSource(MongoTelemetry.ActivitySourceName)
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsOperationalEndpoint(context.Request.Path, telemetry))
                .AddHttpClientInstrumentation());
        }

        otel
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(ScimTelemetry.MeterName)
                    .AddMeter(PollyMeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
                if (telemetry.Prometheus.Enabled)
                {
                    metrics.AddPrometheusExporter();
                }
            })
            .WithLogging(configureBuilder: null, configureOptions: options =>
            {
                options.IncludeFormattedMessage = true;
                options.IncludeScopes = true;
            });

        if (exportsOtlp)
        {
            otel.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// The request telemetry of the SCIM endpoints, and the Prometheus scrape endpoint when enabled. Call it first in the
    /// pipeline: it must see the status the exception handler writes.
    /// </summary>
    public static WebApplication UseScimTelemetry(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<ScimRequestTelemetryMiddleware>();
        var prometheus = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.Prometheus;
        if (prometheus.Enabled)
        {
            // Anonymous, like the health endpoints: keep it on an internal port (Telemetry:Prometheus:Port) or network.
            // The port is the one the connection arrived on, not the Host header a client chooses.
            var endpoint = app.MapPrometheusScrapingEndpoint(prometheus.Path).AllowAnonymous();
            if (prometheus.Port is { } port)
            {
                endpoint.RequireLocalPort(port);
            }
        }

        return app;
    }

    private static bool IsOperationalEndpoint(PathString path, TelemetryOptions telemetry) =>
        path.StartsWithSegments(HealthEndpoints.BasePath, StringComparison.OrdinalIgnoreCase)
        || (telemetry.Prometheus.Enabled && path.StartsWithSegments(telemetry.Prometheus.Path, StringComparison.OrdinalIgnoreCase));
}
