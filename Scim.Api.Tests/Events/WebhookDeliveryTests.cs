using System.Net;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Scim.Api.Tests.Endpoints;
using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Events;

/// <summary>
/// Webhooks end to end: the service (real store, real delivery, real HTTP client) posts to a real receiver the test
/// starts on loopback, and the test checks what arrived, as an application consuming the events would.
/// </summary>
public sealed class WebhookDeliveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASubscription_GetsEachChange_AsASignedCloudEvent_AndItsSecretIsShownOnlyAtCreation()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = EventsApi.Create();
        using var admin = api.CreateAdminClient();
        using var scim = api.CreateScimClient();
        var (id, secret) = await admin.SubscribeAsync(receiver.Url("scim/events"));

        var user = await scim.CreateUserAsync(ScimHttp.UniqueName("ada"));
        Assert.Equal(HttpStatusCode.NoContent, (await scim.PatchAsync($"/scim/v2/Users/{user.Id()}",
            $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"replace","path":"title","value":"Analyst"}]}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await scim.DeleteAsync($"/scim/v2/Users/{user.Id()}", Ct)).StatusCode);

        var received = await receiver.WaitForAsync(accepted => accepted.Count >= 3);
        Assert.All(received, r => Assert.True(r.VerifiesWith(secret), $"the signature of {r.Id} does not verify"));
        Assert.All(received, r => Assert.Equal("/scim/events", r.Path));
        Assert.All(received, r => Assert.StartsWith("application/cloudevents+json", r.ContentType, StringComparison.Ordinal));
        Assert.Equal(["create", "patch", "delete"], received.Select(r => r.Operation));
        Assert.Equal([1L, 2L, 2L], received.Select(r => r.Version));

        var patch = new JsonEventFormatter().DecodeStructuredModeMessage(received[1].Body, null, null);
        Assert.Equal(CloudEventsSpecVersion.V1_0, patch.SpecVersion);
        Assert.Equal("scim.user.patch", patch.Type);
        Assert.Equal($"User/{user.Id()}", patch.Subject);
        Assert.Equal(new Uri($"/tenants/{ScimApiFactory.Tenant}", UriKind.Relative), patch.Source);
        Assert.Equal(received[1].Position.ToString(), patch.Id);
        var data = received[1].Data;
        Assert.Equal((ScimApiFactory.Tenant, "User", user.Id()), ((string)data["tenant"]!, (string)data["resourceType"]!, (string)data["id"]!));
        Assert.Equal(["title"], data["changedAttributes"]!.AsArray().Select(n => (string)n!));
        Assert.Null(data["values"]);
        Assert.Equal(received[1].Id, $"msg_{ScimApiFactory.Tenant}_{received[1].Position}");

        var shown = (await admin.SubscriptionAsync(id)).ToJsonString();
        var listed = await admin.GetStringAsync(EventsApi.SubscriptionsPath(), Ct);
        Assert.DoesNotContain(secret, shown, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChangeThisReplicaWrote_IsSentWithoutWaitingForThePoll()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = EventsApi.Create(settings => settings["Scim:Events:Delivery:PollInterval"] = "00:10:00");
        using var admin = api.CreateAdminClient();
        using var scim = api.CreateScimClient();
        await admin.SubscribeAsync(receiver.Url());
        await scim.CreateUserAsync(ScimHttp.UniqueName("first"));
        await receiver.WaitForAsync(accepted => accepted.Count >= 1);

        // The worker has read everything and waits: only the change signal can wake it before ten minutes.
        var second = await scim.CreateUserAsync(ScimHttp.UniqueName("second"));

        var received = await receiver.WaitForAsync(accepted => accepted.Count >= 2);
        Assert.Equal(second.Id(), (string)received[1].Data["id"]!);
    }

    [Fact]
    public async Task ConcurrentPatchesToOneGroup_ReachTheReceiver_InVersionOrder_EvenWhenItAnswersSlowly()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = _ => (200, TimeSpan.FromMilliseconds(Random.Shared.Next(0, 30)));
        using var api = EventsApi.Create();
        using var admin = api.CreateAdminClient();
        using var scim = api.CreateScimClient();
        var group = await scim.CreateGroupAsync(ScimHttp.UniqueName("crowd"));
        await admin.SubscribeAsync(receiver.Url(), """, "resourceTypes": ["Group"]""");
        var users = await scim.AddNewMembersConcurrentlyAsync(group.Id(), 30);

        var received = await receiver.WaitForAsync(accepted => accepted.Count >= 30);
        Assert.Equal(Enumerable.Range(2, 30).Select(v => (long)v), received.Select(r => r.Version));
        Assert.Equal(users.Order(StringComparer.Ordinal), received.SelectMany(r => r.Data["membersAdded"]!.AsArray().Select(n => (string)n!)).Order(StringComparer.Ordinal));
        Assert.All(received, r => Assert.Equal(group.Id(), r.ResourceId));
    }

    [Fact]
    public async Task AReceiverAnswering500_GetsTheEventAgain_UntilItAcceptsIt_AndTheResourcesNextEventWaitsBehindIt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var attempts = new Dictionary<string, int>();
        receiver.Respond = request =>
        {
            lock (attempts)
            {
                attempts[request.Id] = attempts.GetValueOrDefault(request.Id) + 1;
                return (attempts[request.Id] <= 3 && request.Operation == "create" ? 500 : 200, TimeSpan.Zero);
            }
        };
        using var api = EventsApi.Create();
        using var admin = api.CreateAdminClient();
        using var scim = api.CreateScimClient();
        await admin.SubscribeAsync(receiver.Url());

        var user = await scim.CreateUserAsync(ScimHttp.UniqueName("retry"));
        await scim.PatchAsync($"/scim/v2/Users/{user.Id()}", $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"replace","path":"title","value":"x"}]}""");

        var accepted = await receiver.WaitForAsync(a => a.Count >= 2);
        Assert.Equal(["create", "patch"], accepted.Select(r => r.Operation));
        var create = receiver.Received.Where(r => r.Id == accepted[0].Id).ToList();
        Assert.Equal([500, 500, 500, 200], create.Select(r => r.Status));
        Assert.True(receiver.Received.First(r => r.Id == accepted[1].Id).ReceivedAt >= create[^1].ReceivedAt,
            "the patch of the resource was sent before its create was accepted");
    }

    [Theory]
    [InlineData(429, false)]
    [InlineData(503, false)]
    [InlineData(503, true)]
    public async Task AReceiverAskingToRetryAfterTwoSeconds_GetsTheEventAgainNoSooner(int status, bool asADate)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var asked = false;
        receiver.Respond = _ =>
        {
            var first = !asked;
            asked = true;
            return (first ? status : 204, TimeSpan.Zero);
        };
        receiver.RetryAfter = request => request.Status == status
            ? asADate ? DateTimeOffset.UtcNow.AddSeconds(3).ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "2"
            : null;
        // Without the Retry-After, both the call's quick retries (0.1 s) and the lane's back-off (0.1 to 0.4 s) would
        // send it again well within the two seconds.
        using var api = EventsApi.Create(settings =>
        {
            settings["Scim:Events:Delivery:RequestRetries"] = "2";
            settings["Scim:Events:Delivery:RequestRetryDelay"] = "00:00:00.1";
            settings["Scim:Events:Delivery:MaxRetryDelay"] = "00:00:10";
        });
        using var admin = api.CreateAdminClient();
        using var scim = api.CreateScimClient();
        await admin.SubscribeAsync(receiver.Url());

        await scim.CreateUserAsync(ScimHttp.UniqueName("later"));

        var accepted = (await receiver.WaitForAsync(a => a.Count >= 1, TimeSpan.FromSeconds(30)))[0];
        var attempts = receiver.Received.Where(r => r.Id == accepted.Id).ToList();
        Assert.Equal([status, 204], attempts.Select(r => r.Status));
        Assert.True(attempts[1].ReceivedAt - attempts[0].AnsweredAt >= TimeSpan.FromSeconds(1.9),
            $"sent again {(attempts[1].ReceivedAt - attempts[0].AnsweredAt).TotalSeconds:F2} s after the receiver asked for 2 s");
    }

    [Fact]
    public async Task ASlowReceiver_IsCutOffByTheAttemptTimeout_AndTheEventIsDeliveredOnTheNextAttempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var first = true;
        receiver.Respond = _ =>
        {
            var slow = first;
            first = false;
            return (200, slow ? TimeSpan.FromSeconds(20) : TimeSpan.Zero);
        };
        using var api = EventsApi.Create(settings => settings["Scim:Events:Delivery:AttemptTimeout"] = "00:00:00.5");
        using var admin = api.CreateAdminClient();
        using var scim = api.CreateScimClient();
        var (id, _) = await admin.SubscribeAsync(receiver.Url());

        await scim.CreateUserAsync(ScimHttp.UniqueName("slow"));

        var accepted = await receiver.WaitForAsync(a => a.Count >= 1, TimeSpan.FromSeconds(15));
        Assert.Equal(2, receiver.Received.Count(r => r.Id == accepted[0].Id));
        Assert.Equal(0, receiver.Received.First().Status);
        await admin.WaitForSubscriptionAsync(id, s => (long)s["pending"]! == 0 && s["lastError"] is null);
    }

    [Fact]
    public async Task AFailingSubscription_IsSuspendedAfterTheConfiguredTime_KeepsItsEvents_AndDeliversThemWhenResumed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var failing = true;
        receiver.Respond = _ => (Volatile.Read(ref failing) ? 503 : 200, TimeSpan.Zero);
        using var api = EventsApi.Create(settings => settings["Scim:Events:Delivery:SuspendAfter"] = "00:00:01");
        using var admin = api.CreateAdminClient();
        using var scim = api.CreateScimClient();
        var (id, _) = await admin.SubscribeAsync(receiver.Url());

        var before = await scim.CreateUserAsync(ScimHttp.UniqueName("before"));
        var suspended = await admin.WaitForSubscriptionAsync(id, s => (string)s["status"]! == "suspended");
        var during = await scim.CreateUserAsync(ScimHttp.UniqueName("during"));
        var sentWhileSuspended = receiver.Received.Count;
        await Task.Delay(500, Ct);
        Volatile.Write(ref failing, false);
        var resume = await admin.PostAsync($"{EventsApi.SubscriptionsPath()}/{id}/resume", null, Ct);

        Assert.Equal(HttpStatusCode.OK, resume.StatusCode);
        Assert.StartsWith("position 1: HTTP 503", (string)suspended["lastError"]!, StringComparison.Ordinal);
        Assert.Equal(0, (long)suspended["deliveredThrough"]!);
        Assert.Equal(sentWhileSuspended, receiver.Received.Count(r => r.ReceivedAt < DateTimeOffset.UtcNow.AddMilliseconds(-400)));
        var accepted = await receiver.WaitForAsync(a => a.Count >= 2);
        // Two resources: their events go in different lanes, so either may arrive first.
        Assert.Equal(new[] { before.Id(), during.Id() }.Order(), accepted.Select(r => r.ResourceId).Order());
        Assert.Equal("active", (string)(await admin.SubscriptionAsync(id))["status"]!);
    }

    [Fact]
    public async Task Replay_FromAPosition_DeliversThoseEventsAgain_InOrder()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = EventsApi.Create();
        using var admin = api.CreateAdminClient();
        using var scim = api.CreateScimClient();
        var (id, _) = await admin.SubscribeAsync(receiver.Url());
        for (var i = 0; i < 3; i++)
        {
            await scim.CreateUserAsync(ScimHttp.UniqueName($"replayed{i}"));
        }

        await receiver.WaitForAsync(a => a.Count >= 3);
        await admin.WaitForSubscriptionAsync(id, s => (long)s["deliveredThrough"]! == 3);
        var replayedAt = DateTimeOffset.UtcNow;
        var replay = await admin.PostJsonAsync($"{EventsApi.SubscriptionsPath()}/{id}/replay", """{"fromPosition": 2}""");

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var all = await receiver.WaitForAsync(received => received.Count(r => r.Status == 204) >= 5, accepted: false);
        Assert.Equal([1L, 2L, 3L], all.Where(r => r.ReceivedAt < replayedAt).Select(r => r.Position).Order());
        Assert.Equal([2L, 3L], all.Where(r => r.ReceivedAt >= replayedAt).Select(r => r.Position).Order());
        Assert.Equal(2, (long)(await replay.ReadJsonAsync())["deliveredThrough"]! + 1);
    }

    [Fact]
    public async Task Filters_ByResourceTypeAndOperation_DeliverOnlyWhatWasAskedFor()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = EventsApi.Create();
        using var admin = api.CreateAdminClient();
        using var scim = api.CreateScimClient();
        await admin.SubscribeAsync(receiver.Url(), """, "resourceTypes": ["Users"], "operations": ["delete"]""");

        var kept = await scim.CreateUserAsync(ScimHttp.UniqueName("kept"));
        var gone = await scim.CreateUserAsync(ScimHttp.UniqueName("gone"));
        var group = await scim.CreateGroupAsync(ScimHttp.UniqueName("group"));
        await scim.DeleteAsync($"/scim/v2/Groups/{group.Id()}", Ct);
        await scim.DeleteAsync($"/scim/v2/Users/{gone.Id()}", Ct);
        await scim.PatchAsync($"/scim/v2/Users/{kept.Id()}", $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"replace","path":"title","value":"x"}]}""");
        var last = await scim.CreateUserAsync(ScimHttp.UniqueName("last"));
        await scim.DeleteAsync($"/scim/v2/Users/{last.Id()}", Ct);

        var accepted = await receiver.WaitForAsync(a => a.Count >= 2);
        Assert.Equal(new[] { gone.Id(), last.Id() }.Order(), accepted.Select(r => r.ResourceId).Order()); // two resources, two lanes
        Assert.All(accepted, r => Assert.Equal("delete", r.Operation));
    }

    [Fact]
    public async Task Values_GoOnlyToASubscriptionThatAsksForThem_AndNeverThePassword()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = EventsApi.Create();
        using var admin = api.CreateAdminClient();
        using var scim = api.CreateScimClient();
        await admin.SubscribeAsync(receiver.Url("with"), """, "includeValues": true""");
        await admin.SubscribeAsync(receiver.Url("without"));

        var user = await scim.CreateUserAsync(ScimHttp.UniqueName("valued"), """, "title": "Engineer", "password": "correct horse battery staple" """);

        var accepted = await receiver.WaitForAsync(a => a.Count >= 2);
        var with = accepted.Single(r => r.Path == "/with").Data;
        var without = accepted.Single(r => r.Path == "/without").Data;
        Assert.Equal("Engineer", (string)with["values"]!["title"]!);
        Assert.Equal((string)user["userName"]!, (string)with["values"]!["userName"]!);
        Assert.Contains("password", with["changedAttributes"]!.AsArray().Select(n => (string)n!));
        Assert.False(with["values"]!.AsObject().ContainsKey("password"));
        Assert.Null(without["values"]);
        Assert.All(accepted, r => Assert.DoesNotContain("correct horse", System.Text.Encoding.UTF8.GetString(r.Body), StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASecretRotation_SignsWithTheNewAndTheOldSecret_AndShowsTheNewOneOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = EventsApi.Create();
        using var admin = api.CreateAdminClient();
        using var scim = api.CreateScimClient();
        var (id, old) = await admin.SubscribeAsync(receiver.Url());
        await scim.CreateUserAsync(ScimHttp.UniqueName("before"));
        Assert.Single((await receiver.WaitForAsync(a => a.Count >= 1))[0].Signature.Split(' '));

        // The subscription is being delivered: the very next change after the rotation carries both signatures.
        var rotation = await admin.PostAsync($"{EventsApi.SubscriptionsPath()}/{id}/secret", null, Ct);
        var rotated = await rotation.ReadJsonAsync();
        var fresh = (string)rotated["secret"]!;
        await scim.CreateUserAsync(ScimHttp.UniqueName("rotated"));

        var accepted = await receiver.WaitForAsync(a => a.Count >= 2);
        Assert.NotEqual(old, fresh);
        Assert.Equal(2, accepted[1].Signature.Split(' ').Length);
        Assert.True(accepted[1].VerifiesWith(old));
        Assert.True(accepted[1].VerifiesWith(fresh));
        Assert.NotNull(rotated["secrets"]![0]!["expiresAt"]);
        Assert.DoesNotContain(fresh, (await admin.SubscriptionAsync(id)).ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASubscriptionMovedToAnotherUrl_SendsTheNextChangeThere()
    {
        await using var before = await WebhookReceiver.StartAsync();
        await using var after = await WebhookReceiver.StartAsync();
        using var api = EventsApi.Create();
        using var admin = api.CreateAdminClient();
        using var scim = api.CreateScimClient();
        var (id, _) = await admin.SubscribeAsync(before.Url());
        await scim.CreateUserAsync(ScimHttp.UniqueName("first"));
        await before.WaitForAsync(a => a.Count >= 1);

        var moved = await admin.PutAsync($"{EventsApi.SubscriptionsPath()}/{id}", EventsApi.Json($$"""{"url":"{{after.Url()}}"}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var second = await scim.CreateUserAsync(ScimHttp.UniqueName("second"));

        Assert.Equal(second.Id(), (await after.WaitForAsync(a => a.Count >= 1))[0].ResourceId);
        Assert.DoesNotContain(before.Received, r => r.ResourceId == second.Id());
    }

    [Fact]
    public async Task Events_ArePulledAfterAPosition_InPages()
    {
        using var api = EventsApi.Create();
        using var admin = api.CreateAdminClient();
        using var scim = api.CreateScimClient();
        var group = await scim.CreateGroupAsync(ScimHttp.UniqueName("pulled"));
        var user = await scim.CreateUserAsync(ScimHttp.UniqueName("pulled"));
        await scim.PatchAsync($"/scim/v2/Groups/{group.Id()}",
            $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"add","path":"members","value":[{"value":"{{user.Id()}}"}]}]}""");

        var first = await (await admin.GetAsync($"/admin/v1/tenants/{ScimApiFactory.Tenant}/events?after=0&count=2", Ct)).ReadJsonAsync();
        var second = await (await admin.GetAsync($"/admin/v1/tenants/{ScimApiFactory.Tenant}/events?after={first["next"]}&count=2", Ct)).ReadJsonAsync();
        var bad = await admin.GetAsync($"/admin/v1/tenants/{ScimApiFactory.Tenant}/events?after=minus-one", Ct);

        Assert.Equal([1L, 2L], first["events"]!.AsArray().Select(e => (long)e!["position"]!));
        Assert.Equal(3, (long)first["lastPosition"]!);
        var patch = Assert.Single(second["events"]!.AsArray())!;
        Assert.Equal(("patch", group.Id(), 2L), ((string)patch["operation"]!, (string)patch["id"]!, (long)patch["version"]!));
        Assert.Equal([user.Id()], patch["membersAdded"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("after:", (string)(await bad.ReadJsonAsync())["detail"]!, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> InvalidSubscriptions => new()
    {
        { """{"url":"http://hooks.example.com/x"}""", "url:" },
        { """{"url":"https://10.1.2.3/x"}""", "url:" },
        { """{"url":"https://169.254.169.254/latest/meta-data"}""", "url:" },
        { """{"url":42}""", "url:" },
        { """{}""", "url:" },
        { """{"url":"https://hooks.example.com/x","resourceTypes":["User","Device"]}""", "resourceTypes[1]:" },
        { """{"url":"https://hooks.example.com/x","resourceTypes":"User"}""", "resourceTypes:" },
        { """{"url":"https://hooks.example.com/x","operations":["create","updated"]}""", "operations[1]:" },
        { """{"url":"https://hooks.example.com/x","includeValues":"yes"}""", "includeValues:" },
        { """{"url":"https://hooks.example.com/x","id":"has space"}""", "id:" },
        { """{"url":"https://hooks.example.com/x","maxBatchSize":0}""", "maxBatchSize:" },
        { """{"url":"https://hooks.example.com/x","maxBatchSize":1001}""", "maxBatchSize:" },
        { """{"url":"https://hooks.example.com/x","maxBatchSize":2.5}""", "maxBatchSize:" },
        { """{"url":"https://hooks.example.com/x","maxBatchSize":"10"}""", "maxBatchSize:" },
        { """{"url":"https://hooks.example.com/x","secret":"whsec_mine"}""", "secret:" },
        { """[]""", "The body must be a JSON object" },
    };

    [Theory]
    [MemberData(nameof(InvalidSubscriptions))]
    public async Task AnInvalidSubscription_Is400_NamingTheField(string body, string field)
    {
        using var api = new ScimApiFactory();
        using var admin = api.CreateAdminClient();

        var response = await admin.PostJsonAsync(EventsApi.SubscriptionsPath(), body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.ReadJsonAsync();
        Assert.StartsWith(field, (string)error["detail"]!, StringComparison.Ordinal);
        Assert.Equal(["urn:ietf:params:scim:api:messages:2.0:Error"], error["schemas"]!.AsArray().Select(n => (string)n!));
    }

    [Fact]
    public async Task IncludeValues_WhereValuesAreNotCaptured_Is400_NamingTheSetting()
    {
        using var api = EventsApi.Create(settings => settings["Scim:Events:CaptureValues"] = "false");
        using var admin = api.CreateAdminClient();

        var response = await admin.PostJsonAsync(EventsApi.SubscriptionsPath(), """{"url":"https://hooks.example.com/x","includeValues":true}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Scim:Events:CaptureValues", (string)(await response.ReadJsonAsync())["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscriptions_AreTheirTenants_And404Elsewhere()
    {
        using var api = EventsApi.Create();
        using var admin = api.CreateAdminClient();
        var (id, _) = await admin.SubscribeAsync(new Uri("https://hooks.example.com/x"));

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{EventsApi.SubscriptionsPath(ScimApiFactory.OtherTenant)}/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{EventsApi.SubscriptionsPath()}/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{EventsApi.SubscriptionsPath()}/{id}", Ct)).StatusCode);
        using var scim = api.CreateScimClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await scim.GetAsync(EventsApi.SubscriptionsPath(), Ct)).StatusCode);
    }
}
