using System.Net;
using Scim.Api.Core.Events;
using Scim.Api.Tests.Endpoints;
using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Events;

/// <summary>Subscriptions defined in configuration: delivered like the others, shown by the admin API, changed only in configuration.</summary>
public sealed class ConfiguredSubscriptionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AConfiguredSubscription_IsDelivered_ShownAsConfigured_AndNotChangedThroughTheApi()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var secret = WebhookSignature.NewSecret();
        using var api = EventsApi.Create(settings =>
        {
            settings["Scim:Events:Subscriptions:0:Id"] = "crm";
            settings["Scim:Events:Subscriptions:0:Tenant"] = ScimApiFactory.Tenant;
            settings["Scim:Events:Subscriptions:0:Url"] = receiver.Url("crm").ToString();
            settings["Scim:Events:Subscriptions:0:Secrets:0"] = secret;
            settings["Scim:Events:Subscriptions:0:ResourceTypes:0"] = "User";
        });
        using var admin = api.CreateAdminClient();
        using var scim = api.CreateScimClient();
        await admin.WaitForSubscriptionAsync("crm", s => s["deliveredBy"] is not null);

        await scim.CreateUserAsync(ScimHttp.UniqueName("configured"));
        var accepted = await receiver.WaitForAsync(a => a.Count >= 1);
        var shown = await admin.SubscriptionAsync("crm");
        var replace = await admin.PutAsync($"{EventsApi.SubscriptionsPath()}/crm", EventsApi.Json("""{"url":"https://hooks.example.com/x"}"""), Ct);
        var delete = await admin.DeleteAsync($"{EventsApi.SubscriptionsPath()}/crm", Ct);

        Assert.True(accepted[0].VerifiesWith(secret));
        Assert.Equal("configuration", (string)shown["definedIn"]!);
        Assert.DoesNotContain(secret, shown.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, replace.StatusCode);
        Assert.Contains("Scim:Events:Subscriptions", (string)(await replace.ReadJsonAsync())["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
    }

    [Theory]
    [InlineData("Url", "https://10.0.0.1/x", "Scim:Events:Subscriptions:0:Url:")]
    [InlineData("Secrets:0", "whsec_short", "Scim:Events:Subscriptions:0:Secrets:0:")]
    [InlineData("Operations:0", "update", "Scim:Events:Subscriptions:0:Operations:0:")]
    [InlineData("MaxBatchSize", "0", "Scim:Events:Subscriptions:0:MaxBatchSize:")]
    public void AnInvalidConfiguredSubscription_StopsTheStart_NamingTheKey(string key, string value, string named)
    {
        using var api = new ScimApiFactory();
        api.Settings["Scim:Events:Subscriptions:0:Id"] = "crm";
        api.Settings["Scim:Events:Subscriptions:0:Tenant"] = ScimApiFactory.Tenant;
        api.Settings["Scim:Events:Subscriptions:0:Url"] = "https://hooks.example.com/x";
        api.Settings["Scim:Events:Subscriptions:0:Secrets:0"] = WebhookSignature.NewSecret();
        api.Settings[$"Scim:Events:Subscriptions:0:{key}"] = value;

        var error = Assert.ThrowsAny<Exception>(() => api.Services);

        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Scim:Events:Delivery:AllowedNetworks:0", "ten", "Scim:Events:Delivery:AllowedNetworks:0:")]
    [InlineData("Scim:Events:Delivery:LeaseDuration", "00:00:01", "Scim:Events:Delivery:LeaseDuration")]
    [InlineData("Scim:Events:Delivery:GatherDelay", "00:00:05", "Scim:Events:Delivery:GatherDelay")]
    [InlineData("Scim:Events:RetentionDays", "0", "Scim:Events:RetentionDays")]
    public void InvalidDeliverySettings_StopTheStart_NamingTheKey(string key, string value, string named)
    {
        using var api = new ScimApiFactory();
        api.Settings[key] = value;

        var error = Assert.ThrowsAny<Exception>(() => api.Services);

        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
    }
}
