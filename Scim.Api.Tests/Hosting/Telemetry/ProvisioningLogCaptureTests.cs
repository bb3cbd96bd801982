using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Scim.Api.Application.ProvisioningLog;
using Scim.Api.Core.Activity;
using Scim.Api.Hosting.Telemetry;
using Scim.Api.Tests.Endpoints;
using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Hosting.Telemetry;

/// <summary>
/// Every SCIM request, answered however, leaves one provisioning-log entry with the route, never the path's query or
/// a body; errors keep their scimType and a detail without values. Entries reach the store through the writer.
/// </summary>
public sealed class ProvisioningLogCaptureTests : IDisposable
{
    private const string Sentinel = "Sentinel-7f3a";
    private readonly ScimApiFactory _factory = new();

    public ProvisioningLogCaptureTests()
    {
        _factory.Settings["Scim:ProvisioningLog:Enabled"] = "true";
        // The background writer waits an hour before it writes: each test flushes the buffer itself.
        _factory.Settings["Scim:ProvisioningLog:FlushInterval"] = "01:00:00";
    }

    public void Dispose() => _factory.Dispose();

    private async Task<IReadOnlyList<RequestLogEntry>> LogAsync(string tenant = ScimApiFactory.Tenant)
    {
        await _factory.Services.GetRequiredService<RequestLogWriter>().FlushAsync(TestContext.Current.CancellationToken);
        var page = await _factory.Services.GetRequiredService<IRequestLog>().QueryAsync(
            new RequestLogQuery(tenant, null, null, null, null, null, 100), TestContext.Current.CancellationToken);
        return [.. page.Entries.Select(entry => entry.Entry)];
    }

    [Fact]
    public async Task ARequest_IsLoggedWithItsCredentialClientRouteResourceStatusAndDuration()
    {
        using var client = _factory.CreateScimClient();
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Okta-SCIM-Client", "1.0"));
        var user = await client.CreateUserAsync(ScimHttp.UniqueName());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/scim/v2/Users/{user.Id()}", TestContext.Current.CancellationToken)).StatusCode);

        var entries = await LogAsync();

        var get = entries[0];
        Assert.Equal(("writer", "Okta-SCIM-Client/1.0", "GET", "/scim/v2/Users/{id}", "get", "User", user.Id(), 200),
            (get.Credential, get.Client, get.Method, get.Route, get.Operation, get.ResourceType, get.ResourceId, get.Status));
        Assert.True(get.Duration > TimeSpan.Zero);
        Assert.Equal(("POST", "create", 201), (entries[1].Method, entries[1].Operation, entries[1].Status));
    }

    [Fact]
    public async Task AnError_KeepsItsScimTypeAndADetailWithoutTheValues()
    {
        using var client = _factory.CreateScimClient();
        await client.CreateUserAsync(Sentinel);
        var duplicate = await client.PostAsync("/scim/v2/Users", ScimHttp.Json(
            $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{Sentinel}}"}"""), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        var filter = await client.GetAsync($"/scim/v2/Users?filter={Uri.EscapeDataString($"active eq \"{Sentinel}\"")}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, filter.StatusCode);

        var entries = await LogAsync();

        Assert.Equal(("uniqueness", 409), (entries[1].ScimType, entries[1].Status));
        Assert.Contains("userName", entries[1].Detail, StringComparison.Ordinal);
        Assert.Equal(("invalidFilter", "/scim/v2/Users"), (entries[0].ScimType, entries[0].Route));
        Assert.DoesNotContain(entries, entry => $"{entry}".Contains(Sentinel, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ARequestWithoutAValidToken_IsLoggedUnderNoTenant()
    {
        using var client = _factory.CreateScimClient("not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/scim/v2/Users", TestContext.Current.CancellationToken)).StatusCode);

        var entry = Assert.Single(await LogAsync(ProvisioningLogCapture.Unauthenticated));

        Assert.Equal((ProvisioningLogCapture.NoCredential, 401), (entry.Credential, entry.Status));
    }

    [Fact]
    public async Task RequestsOutsideTheScimApi_AreNotLogged()
    {
        using var client = _factory.CreateScimClient();
        await client.GetAsync("/health/live", TestContext.Current.CancellationToken);
        using var admin = _factory.CreateAdminClient();
        await admin.GetAsync("/admin/v1/audit", TestContext.Current.CancellationToken);

        Assert.Empty(await LogAsync());
        Assert.Empty(await LogAsync(ProvisioningLogCapture.Unauthenticated));
    }
}

/// <summary>The buffer never makes a request wait: beyond its capacity an entry is dropped and counted.</summary>
public sealed class RequestLogBufferTests
{
    [Fact]
    public void AFullBuffer_DropsTheEntryAndCountsIt()
    {
        var buffer = new RequestLogBuffer(Microsoft.Extensions.Options.Options.Create(new ProvisioningLogOptions { BufferCapacity = 2 }));
        var entry = new RequestLogEntry("t", DateTimeOffset.UnixEpoch, "c", null, "GET", "/scim/v2/Users", "list", "User", null, 200, null, null, TimeSpan.Zero);

        buffer.Add(entry);
        buffer.Add(entry);
        buffer.Add(entry);

        Assert.Equal(1, buffer.Dropped);
        Assert.Equal(2, buffer.Reader.Count);
    }
}
