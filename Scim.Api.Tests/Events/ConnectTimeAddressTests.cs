using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Scim.Api.Core.Events;
using Scim.Api.Events.Delivery;
using Scim.Api.Events.Http;
using Scim.Api.Tests.Endpoints;
using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Events;

/// <summary>
/// Server-side request forgery is refused when the connection is made, on the address the host name resolves to, not
/// only on the URL: a name that resolves to loopback reaches nothing unless an operator allowed loopback.
/// </summary>
public sealed class ConnectTimeAddressTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AHostNameResolvingToLoopback_IsRefusedAtConnectTime_AndTheReceiverGetsNothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = new HttpClient(new SocketsHttpHandler { ConnectCallback = new GuardedConnector(NetworkAddresses.PublicOnly).ConnectAsync });

        var error = await Assert.ThrowsAnyAsync<HttpRequestException>(() =>
            client.PostAsync($"http://localhost:{receiver.BaseUrl.Port}/hooks", new StringContent("{}"), Ct));

        Assert.IsType<RefusedAddressException>(error.InnerException ?? error, exactMatch: false);
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task AnAllowedNetwork_IsReachedAtTheAddressThatWasJudged()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = new GuardedConnector(NetworkAddresses.Parse(["127.0.0.0/8"], "key")).ConnectAsync,
        });

        var response = await client.PostAsync($"http://localhost:{receiver.BaseUrl.Port}/hooks", new StringContent("{}"), Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task TheServicesWebhookClient_OutsideDevelopment_RefusesLoopback_WithoutRetrying()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = new ScimApiFactory();
        var sender = api.Services.GetRequiredService<WebhookSender>();
        var subscription = new Subscription("t", "s", new Uri($"http://localhost:{receiver.BaseUrl.Port}/hooks"),
            [new SubscriptionSecret(WebhookSignature.NewSecret(), null)], [], [], false, false);
        var change = new ChangeEvent("t", 1, "User", "u1", ChangeOperation.Create, 1, DateTimeOffset.UtcNow, [], [], [], null);

        var outcome = await sender.SendAsync(subscription, [change], batched: false, Ct);

        Assert.False(outcome.Succeeded);
        Assert.Equal("refused", outcome.Reason);
        Assert.Contains("Scim:Events:Delivery:AllowedNetworks", outcome.Error, StringComparison.Ordinal);
        Assert.Empty(receiver.Received);
    }
}
