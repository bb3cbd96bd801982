using System.Net;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Scim.Api.Tests.Endpoints;
using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Events;

/// <summary>
/// A subscription with <c>maxBatchSize</c> above 1 gets CloudEvents batches: the events waiting in a lane go out
/// together, in order, signed once; a failed batch is sent again as it was. Real service, real receiver.
/// </summary>
public sealed class BatchedDeliveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASlowReceiver_GetsTheWaitingEventsInBatches_InVersionOrder_EachSigned()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = _ => (204, TimeSpan.FromMilliseconds(100));
        using var api = EventsApi.Create();
        using var admin = api.CreateAdminClient();
        using var scim = api.CreateScimClient();
        var group = await scim.CreateGroupAsync(ScimHttp.UniqueName("batched"));
        var (id, secret) = await admin.SubscribeAsync(receiver.Url(), """, "resourceTypes": ["Group"], "maxBatchSize": 50""");
        await scim.AddNewMembersConcurrentlyAsync(group.Id(), 30);

        var received = await receiver.WaitForAsync(accepted => Decode(accepted).Count >= 30);
        var events = Decode(received);
        Assert.All(received, r => Assert.StartsWith("application/cloudevents-batch+json", r.ContentType, StringComparison.Ordinal));
        Assert.All(received, r => Assert.True(r.VerifiesWith(secret), $"the signature of {r.Id} does not verify"));
        Assert.Contains(received, r => Decode([r]).Count > 1);
        Assert.Equal(Enumerable.Range(2, 30).Select(v => (long)v), events.Select(e => Data(e).GetProperty("version").GetInt64()));
        Assert.Equal(50, (int)(await admin.SubscriptionAsync(id))["maxBatchSize"]!);
    }

    [Fact]
    public async Task AFailedBatch_IsSentAgainAsItWas_SameIdSameBody()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var seen = new HashSet<string>();
        receiver.Respond = request =>
        {
            lock (seen)
            {
                return (seen.Add(request.Id) ? 503 : 204, TimeSpan.Zero);
            }
        };
        using var api = EventsApi.Create(settings => settings["Scim:Events:Delivery:RequestRetries"] = "0");
        using var admin = api.CreateAdminClient();
        using var scim = api.CreateScimClient();
        await admin.SubscribeAsync(receiver.Url(), """, "maxBatchSize": 10""");

        var user = await scim.CreateUserAsync(ScimHttp.UniqueName("retried"));

        await receiver.WaitForAsync(accepted => accepted.Count >= 1);
        var attempts = receiver.Received.Where(r => Decode([r]).Any(e => Data(e).GetProperty("id").GetString() == user.Id())).ToList();
        Assert.Equal([503, 204], attempts.Select(r => r.Status));
        Assert.Equal(attempts[0].Id, attempts[1].Id);
        Assert.Equal(attempts[0].Body, attempts[1].Body);
    }

    // In the order they were accepted, each event once.
    private static List<CloudEvent> Decode(IEnumerable<ReceivedWebhook> requests) =>
        [.. requests.SelectMany(r => new JsonEventFormatter().DecodeBatchModeMessage(r.Body, null, null)).DistinctBy(e => e.Id)];

    private static JsonElement Data(CloudEvent cloudEvent) => (JsonElement)cloudEvent.Data!;
}
