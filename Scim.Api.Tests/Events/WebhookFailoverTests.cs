using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Scim.Api.Events.Delivery;
using Scim.Api.Hosting.Auth;
using Scim.Api.Tests.Endpoints;
using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Events;

/// <summary>
/// Nothing is lost when the replica delivering a subscription dies: killed with SIGKILL in the middle of a delivery,
/// the next process on the same store takes the lease once it runs out and delivers again from the last recorded
/// position, in order per resource; and of two live replicas only one delivers a subscription at a time.
/// </summary>
public sealed class WebhookFailoverTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task AServiceKilledMidDelivery_IsReplacedByTheNextOnTheSameStore_WhichDeliversEverythingAgainInOrder()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var holding = true;
        receiver.Respond = _ => Volatile.Read(ref holding) ? (204, TimeSpan.FromMinutes(1)) : (204, TimeSpan.Zero);
        var writer = TokenHash.NewToken();
        var operator_ = TokenHash.NewToken();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Storage__Sqlite__Path"] = _directory.File("scim.db"),
            ["Scim__Auth__Tokens__0__Id"] = "writer",
            ["Scim__Auth__Tokens__0__Tenant"] = ScimApiFactory.Tenant,
            ["Scim__Auth__Tokens__0__Hash"] = TokenHash.Compute(writer),
            ["Scim__Admin__Tokens__0__Id"] = "ops",
            ["Scim__Admin__Tokens__0__Hash"] = TokenHash.Compute(operator_),
        };
        foreach (var (key, value) in EventsApi.Fast)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        }

        List<string> users = [];
        using (var first = await ServiceProcess.StartAsync(environment))
        {
            using var admin = first.Client(operator_);
            using var scim = first.Client(writer);
            await admin.SubscribeAsync(receiver.Url());
            for (var i = 0; i < 3; i++)
            {
                users.Add((await scim.CreateUserAsync(ScimHttp.UniqueName($"killed{i}"))).Id());
            }

            Assert.Equal(HttpStatusCode.NoContent, (await scim.PatchAsync($"/scim/v2/Users/{users[0]}",
                $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"replace","path":"title","value":"after"}]}""")).StatusCode);
            await receiver.WaitForAsync(received => received.Count >= 3, accepted: false);

            first.Kill();
        }

        Volatile.Write(ref holding, false);
        var inFlightWhenKilled = receiver.Received.Select(r => r.Id).ToHashSet();
        using var second = await ServiceProcess.StartAsync(environment);

        var accepted = await receiver.WaitForAsync(a => a.Count >= 4, TimeSpan.FromSeconds(30));
        Assert.Equal([1L, 2L, 3L, 4L], accepted.Select(r => r.Position).Order());
        Assert.All(inFlightWhenKilled, id => Assert.Contains(accepted, r => r.Id == id));
        var ofFirstUser = accepted.Where(r => r.ResourceId == users[0]).ToList();
        Assert.Equal(["create", "patch"], ofFirstUser.Select(r => r.Operation));
        using var admin2 = second.Client(operator_);
        var subscription = (await (await admin2.GetAsync(EventsApi.SubscriptionsPath(), Ct)).ReadJsonAsync())["subscriptions"]![0]!;
        Assert.Equal(4, (long)subscription["lastPosition"]!);
    }

    [Fact]
    public async Task TwoReplicasOnOneStore_DeliverEachSubscriptionFromOneAtATime_AndTheOtherTakesOverWhenItStops()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var database = _directory.File("shared.db");
        using var a = EventsApi.Create(databasePath: database);
        var b = EventsApi.Create(databasePath: database);
        try
        {
            using var adminA = a.CreateAdminClient();
            using var scimA = a.CreateScimClient();
            _ = b.Services;
            var (id, _) = await adminA.SubscribeAsync(receiver.Url());
            await scimA.CreateUserAsync(ScimHttp.UniqueName("replicated"));
            await receiver.WaitForAsync(accepted => accepted.Count >= 1);

            var delivering = new[] { a, b }.Where(f => f.Services.GetRequiredService<DeliveryCoordinator>().Delivering.Contains((ScimApiFactory.Tenant, id))).ToList();
            var holder = Assert.Single(delivering);
            var owner = (string)(await adminA.SubscriptionAsync(id))["deliveredBy"]!;
            Assert.Equal(holder.Services.GetRequiredService<DeliveryCoordinator>().Owner, owner);

            var survivor = holder == a ? b : a;
            holder.Dispose();
            using var scim = survivor.CreateScimClient();
            await scim.CreateUserAsync(ScimHttp.UniqueName("after"));
            var accepted = await receiver.WaitForAsync(all => all.Count >= 2);

            Assert.Equal([1L, 2L], accepted.Select(r => r.Position));
            Assert.Equal(2, receiver.Received.Count);
            using var survivorAdmin = survivor.CreateAdminClient();
            Assert.Equal(survivor.Services.GetRequiredService<DeliveryCoordinator>().Owner, (string)(await survivorAdmin.SubscriptionAsync(id))["deliveredBy"]!);
        }
        finally
        {
            b.Dispose();
        }
    }
}
