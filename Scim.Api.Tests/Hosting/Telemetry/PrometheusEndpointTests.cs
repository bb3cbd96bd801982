using System.Net;
using Scim.Api.Tests.Endpoints;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Hosting.Telemetry;

/// <summary>The optional scrape endpoint: off by default, anonymous when on, and limited to one port when asked.</summary>
public sealed class PrometheusEndpointTests
{
    private static ScimApiFactory Factory(params (string Key, string Value)[] settings)
    {
        var factory = new ScimApiFactory();
        foreach (var (key, value) in settings)
        {
            factory.Settings[key] = value;
        }

        return factory;
    }

    [Fact]
    public async Task Enabled_ServesScimMetricsInPrometheusFormat_WithoutAToken()
    {
        using var factory = Factory(("Telemetry:Prometheus:Enabled", "true"));
        using var scim = factory.CreateScimClient();
        await scim.CreateUserAsync(ScimHttp.UniqueName());
        using var anonymous = factory.CreateClient();

        var response = await anonymous.GetAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("# TYPE scim_requests_total counter", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE scim_request_duration_seconds histogram", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabled_ByDefault()
    {
        using var factory = Factory();
        using var anonymous = factory.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/metrics", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task EnabledOnAPort_AnswersConnectionsThatArriveOnThatPort()
    {
        using var factory = Factory(("Telemetry:Prometheus:Enabled", "true"), ("Telemetry:Prometheus:Port", "9464"));
        using var server = factory.WithSimulatedConnections();
        using var scraper = server.ClientOn(9464);

        Assert.Equal(HttpStatusCode.OK, (await scraper.GetAsync("/metrics", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory]
    [InlineData("localhost:9464")]
    [InlineData("scim.example.com:9464")]
    [InlineData("10.0.0.7:9464")]
    public async Task EnabledOnAPort_RefusesARequestOnThePublicPort_WhateverItsHostHeaderSays(string forgedHost)
    {
        using var factory = Factory(("Telemetry:Prometheus:Enabled", "true"), ("Telemetry:Prometheus:Port", "9464"));
        using var server = factory.WithSimulatedConnections();
        using var throughTheIngress = server.ClientOn(SimulatedConnections.PublicPort);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Host = forgedHost;

        var response = await throughTheIngress.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
