using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Scim.Api.Tests.Endpoints;
using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Events;

/// <summary>
/// The service (Development environment, so that a receiver on loopback over plain HTTP is accepted) with delivery
/// settings shortened for tests, and the admin API calls the webhook tests make.
/// </summary>
internal static class EventsApi
{
    public static ScimApiFactory Create(Action<Dictionary<string, string?>>? configure = null, string? databasePath = null)
    {
        var factory = databasePath is null
            ? new ScimApiFactory { EnvironmentName = "Development" }
            : new ScimApiFactory { EnvironmentName = "Development", DatabasePath = databasePath };
        foreach (var (key, value) in Fast)
        {
            factory.Settings[key] = value;
        }

        configure?.Invoke(factory.Settings);
        return factory;
    }

    public static readonly IReadOnlyDictionary<string, string?> Fast = new Dictionary<string, string?>
    {
        ["Scim:Events:CaptureValues"] = "true",
        ["Scim:Events:Delivery:PollInterval"] = "00:00:00.05",
        ["Scim:Events:Delivery:RefreshInterval"] = "00:00:00.2",
        ["Scim:Events:Delivery:ProgressInterval"] = "00:00:00.2",
        ["Scim:Events:Delivery:LeaseDuration"] = "00:00:02",
        ["Scim:Events:Delivery:RetryDelay"] = "00:00:00.1",
        ["Scim:Events:Delivery:MaxRetryDelay"] = "00:00:00.4",
        ["Scim:Events:Delivery:RequestRetries"] = "0",
        ["Scim:Events:Delivery:AttemptTimeout"] = "00:00:02",
    };

    public static string SubscriptionsPath(string tenant = ScimApiFactory.Tenant) => $"/admin/v1/tenants/{tenant}/subscriptions";

    /// <summary>Creates a subscription and returns its id and the secret its creation showed.</summary>
    public static async Task<(string Id, string Secret)> SubscribeAsync(this HttpClient admin, Uri url, string extra = "", string tenant = ScimApiFactory.Tenant)
    {
        var response = await admin.PostAsync(SubscriptionsPath(tenant), Json($$"""{"url":"{{url}}"{{extra}}}"""), TestContext.Current.CancellationToken);
        var body = await response.BodyAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        return ((string)body["id"]!, (string)body["secret"]!);
    }

    public static async Task<JsonObject> SubscriptionAsync(this HttpClient admin, string id, string tenant = ScimApiFactory.Tenant)
    {
        var response = await admin.GetAsync($"{SubscriptionsPath(tenant)}/{id}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.BodyAsync();
    }

    /// <summary>Polls the subscription until <paramref name="done"/> holds; fails with its last state otherwise.</summary>
    public static async Task<JsonObject> WaitForSubscriptionAsync(this HttpClient admin, string id, Func<JsonObject, bool> done, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var subscription = await admin.SubscriptionAsync(id);
            if (done(subscription))
            {
                return subscription;
            }

            Assert.True(DateTime.UtcNow < deadline, $"subscription {id} did not get there in time: {subscription.ToJsonString()}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Creates <paramref name="count"/> users, then adds each to the group in a PATCH of its own, all at once; their ids.</summary>
    public static async Task<List<string>> AddNewMembersConcurrentlyAsync(this HttpClient scim, string groupId, int count)
    {
        var users = new List<string>();
        for (var i = 0; i < count; i++)
        {
            users.Add((await scim.CreateUserAsync(ScimHttp.UniqueName($"member{i}"))).Id());
        }

        var patches = users.Select(user => scim.PatchAsync($"/scim/v2/Groups/{groupId}",
            $$"""{"schemas":["{{ScimHttp.PatchOp}}"],"Operations":[{"op":"add","path":"members","value":[{"value":"{{user}}"}]}]}"""));
        Assert.All(await Task.WhenAll(patches), response => Assert.Equal(HttpStatusCode.NoContent, response.StatusCode));
        return users;
    }

    public static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, string json) =>
        client.PostAsync(path, Json(json), TestContext.Current.CancellationToken);

    public static async Task<JsonObject> ReadJsonAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!;
}
