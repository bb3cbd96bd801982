using System.Net;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Endpoints;

/// <summary>bulk.maxOperations and bulk.maxPayloadSize (RFC 7644 §3.7.4): configurable, advertised, enforced with 413.</summary>
public sealed class BulkLimitsTests(BulkLimitsTests.SmallBulkLimitsFactory fixture) : IClassFixture<BulkLimitsTests.SmallBulkLimitsFactory>
{
    private const int MaxOperations = 3;
    private const int MaxPayloadBytes = 2048;

    public sealed class SmallBulkLimitsFactory : IDisposable
    {
        public SmallBulkLimitsFactory()
        {
            Api = new ScimApiFactory();
            Api.Settings["Scim:BulkMaxOperations"] = MaxOperations.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Api.Settings["Scim:BulkMaxPayloadBytes"] = MaxPayloadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public ScimApiFactory Api { get; }

        public void Dispose() => Api.Dispose();
    }

    [Fact]
    public async Task ServiceProviderConfig_AdvertisesTheConfiguredLimits()
    {
        using var client = fixture.Api.CreateScimClient();
        var bulk = (await (await client.GetAsync("/scim/v2/ServiceProviderConfig")).BodyAsync())["bulk"]!;
        Assert.True(bulk["supported"]!.GetValue<bool>());
        Assert.Equal((MaxOperations, MaxPayloadBytes), (bulk["maxOperations"]!.GetValue<int>(), bulk["maxPayloadSize"]!.GetValue<int>()));
    }

    [Fact]
    public async Task MoreOperationsThanMaxOperations_Is413_AndNothingRuns()
    {
        using var client = fixture.Api.CreateScimClient();
        var names = Enumerable.Range(0, MaxOperations + 1).Select(_ => ScimHttp.UniqueName()).ToArray();
        var body = BulkTests.Body(string.Join(",", names.Select((n, i) => BulkTests.PostUser($"u{i}", n))));

        var response = await client.PostAsync("/scim/v2/Bulk", ScimHttp.Json(body));

        await response.AssertScimErrorAsync(413);
        Assert.Contains($"at most {MaxOperations}", (await response.BodyAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var created = await (await client.GetAsync($"/scim/v2/Users?filter=userName eq \"{names[0]}\"")).BodyAsync();
        Assert.Equal(0, created["totalResults"]!.GetValue<int>());
    }

    [Fact]
    public async Task BodyLargerThanMaxPayloadSize_Is413NamingTheLimit()
    {
        using var client = fixture.Api.CreateScimClient();
        var body = BulkTests.Body(BulkTests.PostUser("u", ScimHttp.UniqueName(), $$""","title":"{{new string('x', MaxPayloadBytes)}}" """));

        var response = await client.PostAsync("/scim/v2/Bulk", ScimHttp.Json(body));

        await response.AssertScimErrorAsync(413);
        Assert.Contains($"bulk.maxPayloadSize, {MaxPayloadBytes} bytes", (await response.BodyAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBulkLimit_DoesNotApplyToSingleRequests()
    {
        using var client = fixture.Api.CreateScimClient();
        var user = await client.CreateUserAsync(ScimHttp.UniqueName(), $$""","title":"{{new string('x', MaxPayloadBytes)}}" """);
        Assert.Equal(MaxPayloadBytes, user["title"]!.GetValue<string>().Length);
    }

    [Fact]
    public async Task AsManyOperationsAsMaxOperations_AreAccepted()
    {
        using var client = fixture.Api.CreateScimClient();
        var body = BulkTests.Body(string.Join(",", Enumerable.Range(0, MaxOperations).Select(i => BulkTests.PostUser($"u{i}", ScimHttp.UniqueName()))));
        var response = await client.PostAsync("/scim/v2/Bulk", ScimHttp.Json(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MaxOperations, (await response.BodyAsync())["Operations"]!.AsArray().Count);
    }
}
