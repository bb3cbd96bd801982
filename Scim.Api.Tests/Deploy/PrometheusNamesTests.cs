using OpenTelemetry.Metrics;

namespace Scim.Api.Tests.Deploy;

public sealed class PrometheusNamesTests
{
    public static TheoryData<string, string?, MetricType, string> Metrics => new()
    {
        { "scim.requests", "{request}", MetricType.LongSum, "scim_requests_total" },
        { "scim.request.duration", "s", MetricType.Histogram, "scim_request_duration_seconds_bucket scim_request_duration_seconds_sum scim_request_duration_seconds_count" },
        { "scim.resources", "{resource}", MetricType.LongGauge, "scim_resources" },
        { "scim.store.available", null, MetricType.LongGauge, "scim_store_available" },
        { "dotnet.gc.heap.total_allocated", "By", MetricType.LongSum, "dotnet_gc_heap_total_allocated_bytes_total" },
        { "process.cpu.utilization", "1", MetricType.DoubleGauge, "process_cpu_utilization_ratio" },
        { "http.server.active_requests", "{request}", MetricType.LongSumNonMonotonic, "http_server_active_requests" },
        { "jobs.done_total", null, MetricType.LongSum, "jobs_done_total" },
        { "network.io", "By/s", MetricType.DoubleGauge, "network_io_bytes_per_second" },
    };

    [Theory]
    [MemberData(nameof(Metrics))]
    public void SeriesOf_NamesSeriesAsTheCollectorsPrometheusExporterDoes(string name, string? unit, MetricType type, string expected) =>
        Assert.Equal(expected, string.Join(" ", PrometheusNames.SeriesOf(name, unit, type)));

    [Theory]
    [InlineData("scim.tenant", "scim_tenant")]
    [InlineData("http.response.status_code", "http_response_status_code")]
    public void Label_ReplacesDotsWithUnderscores(string key, string expected) => Assert.Equal(expected, PrometheusNames.Label(key));
}
