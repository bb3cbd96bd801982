using Scim.Api.Core.Errors;
using Scim.Api.Core.Events;

namespace Scim.Api.Tests.Storage;

/// <summary>
/// Subscriptions and their delivery state: one replica at a time holds a subscription's lease, progress is recorded
/// only by the lease holder at the current revision, and an operator's resume or replay wins over a delivering replica.
/// </summary>
public abstract partial class ResourceStoreContractTests
{
    protected ISubscriptionStore Subscriptions => (ISubscriptionStore)Store;

    protected static Subscription Webhook(string id, string tenant = Tenant, string url = "https://hooks.example.com/scim") =>
        new(tenant, id, new Uri(url), [new SubscriptionSecret(WebhookSignature.NewSecret(), null)], ["User"], [ChangeOperation.Create], true, false, MaxBatchSize: 25);

    [Fact]
    public async Task Subscriptions_AreStoredAsDefined_PerTenant_AndAnIdIsUsedOnce()
    {
        var definition = Webhook("s1");
        var created = await Subscriptions.CreateSubscriptionAsync(definition, 7, Clock.GetUtcNow(), Ct);
        await Subscriptions.CreateSubscriptionAsync(Webhook("s1", OtherTenant), 0, Clock.GetUtcNow(), Ct);

        var read = await Subscriptions.GetSubscriptionAsync(Tenant, "s1", Ct);
        var duplicate = await ScimErrorAsync(() => Subscriptions.CreateSubscriptionAsync(definition, 0, Clock.GetUtcNow(), Ct));

        Assert.NotNull(read);
        Assert.Equal(definition.Url, read.Definition.Url);
        Assert.Equal(definition.Secrets, read.Definition.Secrets);
        Assert.Equal(["User"], read.Definition.ResourceTypes);
        Assert.Equal([ChangeOperation.Create], read.Definition.Operations);
        Assert.True(read.Definition.IncludeValues);
        Assert.Equal(25, read.Definition.MaxBatchSize);
        Assert.Equal((7L, SubscriptionStatus.Active), (created.State.Cursor, read.State.Status));
        Assert.Equal(409, duplicate.Status);
        Assert.Equal(["s1"], (await Subscriptions.ListSubscriptionsAsync(Tenant, Ct)).Select(s => s.Definition.Id));
        Assert.Equal([Tenant, OtherTenant], (await Subscriptions.ListSubscriptionsAsync(null, Ct)).Select(s => s.Definition.Tenant));
    }

    [Fact]
    public async Task Subscriptions_Lease_IsHeldByOneOwnerAtATime_UntilItExpires()
    {
        await Subscriptions.CreateSubscriptionAsync(Webhook("s1"), 0, Clock.GetUtcNow(), Ct);
        var now = Clock.GetUtcNow();

        var first = await Subscriptions.TryLeaseAsync(Tenant, "s1", "replica-a", now, now.AddSeconds(30), Ct);
        var second = await Subscriptions.TryLeaseAsync(Tenant, "s1", "replica-b", now.AddSeconds(10), now.AddSeconds(40), Ct);
        var renewed = await Subscriptions.TryLeaseAsync(Tenant, "s1", "replica-a", now.AddSeconds(10), now.AddSeconds(40), Ct);
        var takenOver = await Subscriptions.TryLeaseAsync(Tenant, "s1", "replica-b", now.AddSeconds(41), now.AddSeconds(70), Ct);
        var stale = await Subscriptions.SaveProgressAsync(Tenant, "s1", "replica-a", 0, new DeliveryProgress(5, null, null, now.AddSeconds(80)), Ct);

        Assert.Equal("replica-a", first?.State.LeaseOwner);
        Assert.Null(second);
        Assert.NotNull(renewed);
        Assert.Equal("replica-b", takenOver?.State.LeaseOwner);
        Assert.False(stale);
        Assert.Equal(0, (await Subscriptions.GetSubscriptionAsync(Tenant, "s1", Ct))!.State.Cursor);
    }

    [Fact]
    public async Task Subscriptions_Progress_MovesTheCursorForward_AndASuspensionGivesUpTheLease()
    {
        await Subscriptions.CreateSubscriptionAsync(Webhook("s1"), 0, Clock.GetUtcNow(), Ct);
        var now = Clock.GetUtcNow();
        await Subscriptions.TryLeaseAsync(Tenant, "s1", "a", now, now.AddSeconds(30), Ct);

        Assert.True(await Subscriptions.SaveProgressAsync(Tenant, "s1", "a", 0, new DeliveryProgress(9, null, null, now.AddSeconds(30)), Ct));
        Assert.True(await Subscriptions.SaveProgressAsync(Tenant, "s1", "a", 0, new DeliveryProgress(4, now, "HTTP 500", now.AddSeconds(30)), Ct));
        Assert.True(await Subscriptions.SaveProgressAsync(Tenant, "s1", "a", 0, new DeliveryProgress(9, now, "HTTP 500", now, Suspend: true), Ct));

        var suspended = (await Subscriptions.GetSubscriptionAsync(Tenant, "s1", Ct))!.State;
        Assert.Equal((9L, SubscriptionStatus.Suspended, "HTTP 500", (string?)null), (suspended.Cursor, suspended.Status, suspended.LastError, suspended.LeaseOwner));
        Assert.Equal(now, suspended.FailingSince);
        Assert.Null(await Subscriptions.TryLeaseAsync(Tenant, "s1", "a", now.AddHours(1), now.AddHours(2), Ct));
    }

    [Fact]
    public async Task Subscriptions_ResumeAndReplay_WinOverTheReplicaDelivering()
    {
        await Subscriptions.CreateSubscriptionAsync(Webhook("s1"), 0, Clock.GetUtcNow(), Ct);
        var now = Clock.GetUtcNow();
        await Subscriptions.TryLeaseAsync(Tenant, "s1", "a", now, now.AddSeconds(30), Ct);
        await Subscriptions.SaveProgressAsync(Tenant, "s1", "a", 0, new DeliveryProgress(20, now, "timeout", now, Suspend: true), Ct);

        var resumed = await Subscriptions.ResetSubscriptionAsync(Tenant, "s1", null, Ct);
        var replayed = await Subscriptions.ResetSubscriptionAsync(Tenant, "s1", 3, Ct);
        var lateProgress = await Subscriptions.SaveProgressAsync(Tenant, "s1", "a", 0, new DeliveryProgress(25, null, null, now.AddSeconds(30)), Ct);

        Assert.Equal((SubscriptionStatus.Active, 20L, 1L, (DateTimeOffset?)null), (resumed.State.Status, resumed.State.Cursor, resumed.State.Revision, resumed.State.FailingSince));
        Assert.Equal((3L, 2L), (replayed.State.Cursor, replayed.State.Revision));
        Assert.False(lateProgress);
        Assert.Equal(3, (await Subscriptions.GetSubscriptionAsync(Tenant, "s1", Ct))!.State.Cursor);
    }

    [Fact]
    public async Task Subscriptions_FromConfiguration_KeepTheirDeliveryState_AcrossUpserts()
    {
        var configured = Webhook("cfg") with { FromConfiguration = true };
        await Subscriptions.UpsertConfiguredSubscriptionAsync(configured, 5, Clock.GetUtcNow(), Ct);
        var now = Clock.GetUtcNow();
        await Subscriptions.TryLeaseAsync(Tenant, "cfg", "a", now, now.AddSeconds(30), Ct);
        await Subscriptions.SaveProgressAsync(Tenant, "cfg", "a", 0, new DeliveryProgress(8, null, null, now.AddSeconds(30)), Ct);

        await Subscriptions.UpsertConfiguredSubscriptionAsync(configured, 0, now, Ct);
        var unchanged = (await Subscriptions.GetSubscriptionAsync(Tenant, "cfg", Ct))!;
        await Subscriptions.UpsertConfiguredSubscriptionAsync(configured with { Url = new Uri("https://elsewhere.example.com/") }, 0, now, Ct);
        var moved = (await Subscriptions.GetSubscriptionAsync(Tenant, "cfg", Ct))!;

        Assert.Equal((8L, 0L, true), (unchanged.State.Cursor, unchanged.State.Revision, unchanged.Definition.FromConfiguration));
        Assert.Equal((8L, 1L), (moved.State.Cursor, moved.State.Revision));
        Assert.Equal("https://elsewhere.example.com/", moved.Definition.Url.AbsoluteUri);
    }

    [Fact]
    public async Task Subscriptions_ReplacedOrDeleted_AreFoundOrAnswer404()
    {
        await Subscriptions.CreateSubscriptionAsync(Webhook("s1"), 0, Clock.GetUtcNow(), Ct);

        var replaced = await Subscriptions.ReplaceSubscriptionAsync(Webhook("s1") with { Operations = [] }, Ct);
        await Subscriptions.DeleteSubscriptionAsync(Tenant, "s1", Ct);

        Assert.Equal((1L, 0), (replaced.State.Revision, replaced.Definition.Operations.Count));
        Assert.Null(await Subscriptions.GetSubscriptionAsync(Tenant, "s1", Ct));
        Assert.Equal(404, (await ScimErrorAsync(() => Subscriptions.DeleteSubscriptionAsync(Tenant, "s1", Ct))).Status);
        Assert.Equal(404, (await ScimErrorAsync(() => Subscriptions.ReplaceSubscriptionAsync(Webhook("s1"), Ct))).Status);
        Assert.Equal(404, (await ScimErrorAsync(() => Subscriptions.ResetSubscriptionAsync(Tenant, "s1", null, Ct))).Status);
    }
}
