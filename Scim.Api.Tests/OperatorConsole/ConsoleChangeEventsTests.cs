using System.Net;
using Scim.Api.Tests.Endpoints;
using Scim.Api.Tests.Events;
using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.OperatorConsole;

/// <summary>
/// The change-events page of a tenant: its subscriptions with their delivery state, lag and last error, the tenant's
/// latest events, and the Resume button of a suspended subscription, against a real receiver that fails.
/// </summary>
public sealed class ConsoleChangeEventsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Page => $"/console/tenants/{ScimApiFactory.Tenant}/events";

    [Fact]
    public async Task ASuspendedSubscription_IsShownWithItsLastError_AndItsResumeFormResumesIt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var failing = true;
        receiver.Respond = _ => (Volatile.Read(ref failing) ? 503 : 200, TimeSpan.Zero);
        using var factory = EventsApi.Create(settings => settings["Scim:Events:Delivery:SuspendAfter"] = "00:00:01").WithConsole();
        using var admin = factory.CreateAdminClient();
        using var scim = factory.CreateScimClient();
        var (id, _) = await admin.SubscribeAsync(receiver.Url("hooks"));
        var user = await scim.CreateUserAsync(ScimHttp.UniqueName("ada"));
        await admin.WaitForSubscriptionAsync(id, s => (string)s["status"]! == "suspended");
        using var browser = await factory.SignedInBrowserAsync(factory.AdminToken);

        var html = await browser.GetStringAsync(Page, Ct);

        Assert.Contains($"<a href=\"{Page}\" aria-current=\"page\">Change events</a>", html, StringComparison.Ordinal);
        Assert.Contains($"<th scope=\"row\">{id}</th>", html, StringComparison.Ordinal);
        Assert.Contains(">Suspended</span>", html, StringComparison.Ordinal);
        Assert.Contains("position 1: HTTP 503", html, StringComparison.Ordinal);
        Assert.Contains($"User/{user.Id()}</a>", html, StringComparison.Ordinal);
        Assert.Contains($"aria-label=\"Resume subscription {id}\"", html, StringComparison.Ordinal);

        Volatile.Write(ref failing, false);
        var resumed = await browser.PostFormAsync($"{Page}/subscriptions/{id}/resume", Page);

        Assert.Equal(HttpStatusCode.Redirect, resumed.StatusCode);
        Assert.Equal($"{Page}?resumed={id}", resumed.Headers.Location!.OriginalString);
        await receiver.WaitForAsync(accepted => accepted.Count >= 1);
        var after = await browser.GetStringAsync(Page, Ct);
        Assert.DoesNotContain(">Suspended</span>", after, StringComparison.Ordinal);
        Assert.DoesNotContain("aria-label=\"Resume subscription", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AResumeWithoutTheFormsToken_Is400_AndTheSubscriptionStaysSuspended()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = _ => (503, TimeSpan.Zero);
        using var factory = EventsApi.Create(settings => settings["Scim:Events:Delivery:SuspendAfter"] = "00:00:01").WithConsole();
        using var admin = factory.CreateAdminClient();
        using var scim = factory.CreateScimClient();
        var (id, _) = await admin.SubscribeAsync(receiver.Url());
        await scim.CreateUserAsync(ScimHttp.UniqueName("ada"));
        await admin.WaitForSubscriptionAsync(id, s => (string)s["status"]! == "suspended");
        using var browser = await factory.SignedInBrowserAsync(factory.AdminToken);

        var forged = await browser.PostAsync($"{Page}/subscriptions/{id}/resume", new FormUrlEncodedContent([]), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("suspended", (string)(await admin.SubscriptionAsync(id))["status"]!);
    }

    [Fact]
    public async Task ATenantWithoutSubscriptions_SaysSo_AndListsItsLatestEvents()
    {
        using var factory = EventsApi.Create().WithConsole();
        using var scim = factory.CreateScimClient();
        var group = await scim.CreateGroupAsync(ScimHttp.UniqueName("crew"));
        using var browser = await factory.SignedInBrowserAsync(factory.AdminToken);

        var html = await browser.GetStringAsync(Page, Ct);

        Assert.Contains("No subscription: no webhook receives this tenant", html, StringComparison.Ordinal);
        Assert.Contains($"Group/{group.Id()}</a>", html, StringComparison.Ordinal);
    }
}
