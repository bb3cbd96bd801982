namespace Scim.Api.Tests.Deploy;

public sealed class PromQlTests
{
    public static TheoryData<string, string, string> Expressions => new()
    {
        { "scim_requests_total", "scim_requests_total", "" },
        { """sum by (scim_operation) (rate(scim_requests_total{scim_tenant=~"$tenant"}[$__rate_interval]))""", "scim_requests_total", "scim_operation scim_tenant" },
        { """histogram_quantile(0.95, sum by (le, scim_store) (rate(scim_store_duration_seconds_bucket[5m]))) > 1""", "scim_store_duration_seconds_bucket", "le scim_store" },
        { """sum(rate(a_total{code=~"5.."}[5m])) / sum(rate(b_total[5m])) > 0.05""", "a_total b_total", "code" },
        { """min(scim_store_available) == 0 and on (instance) up offset 5m""", "scim_store_available up", "instance" },
        { """absent(scim_store_available)""", "scim_store_available", "" },
        { """sum without (pod) (x{y!="by (z)", w="1e3"}) * 1e3""", "x", "pod w y" },
        { "label_values(scim_requests_total, scim_tenant)", "scim_requests_total", "scim_tenant" },
    };

    [Theory]
    [MemberData(nameof(Expressions))]
    public void NamesIn_FindsTheMetricsAndLabelsAQueryUses(string expression, string metrics, string labels)
    {
        var names = PromQl.NamesIn(expression);

        Assert.Equal(metrics, string.Join(" ", names.Metrics.Order(StringComparer.Ordinal)));
        Assert.Equal(labels, string.Join(" ", names.Labels.Order(StringComparer.Ordinal)));
    }
}
