namespace Scim.Api.Hosting.Telemetry;

/// <summary>The "Telemetry" configuration section. OTLP export is configured by the standard OTEL_* variables instead.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    public PrometheusScrapeOptions Prometheus { get; set; } = new();

    /// <summary>
    /// Whether spans are recorded. Unset: only when OTLP export is configured, because spans that go nowhere still
    /// cost every request their allocation and bookkeeping.
    /// </summary>
    public bool? Tracing { get; set; }

    /// <summary>How often the <c>scim.resources</c> gauge asks the store for its counts; 0 turns the gauge off.</summary>
    public int ResourceCountRefreshSeconds { get; set; } = 30;
}

/// <summary>The optional Prometheus scrape endpoint, for a Prometheus that scrapes the service without a collector.</summary>
public sealed class PrometheusScrapeOptions
{
    public bool Enabled { get; set; }

    public string Path { get; set; } = "/metrics";

    /// <summary>
    /// When set, the endpoint answers only connections that arrive on this local port (which the server must also
    /// listen on, e.g. <c>ASPNETCORE_HTTP_PORTS=8080;9464</c>), so it can be kept off the port the identity providers
    /// reach; a request on another port gets 404 whatever its Host header says.
    /// </summary>
    public int? Port { get; set; }
}
