using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Scim.Api.Core.Paging;
using Scim.Api.Core.Storage;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Endpoints;

/// <summary>
/// The purge job in the running service, on a fake clock: the test moves time past the retention and the job,
/// waiting on that clock, runs.
/// </summary>
public sealed class SoftDeletePurgeTests(ScimApiFactory factory) : IClassFixture<ScimApiFactory>
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    private WebApplicationFactory<Program> WithFakeClock() => factory.WithWebHostBuilder(builder =>
    {
        builder.UseSetting("Scim:Audit:IncludeValues", "true");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock));
    });

    private static HttpClient Client(WebApplicationFactory<Program> app, string token) => app.ScimClient(token);

    // Asked of the store with no retention cut-off: only the purge, not the passing of time, removes a tombstone.
    private static async Task<bool> IsTombstoneAsync(WebApplicationFactory<Program> app, string id)
    {
        var page = await app.Services.GetRequiredService<IResourceStore>().ListDeletedAsync(
            new DeletedQuery(ScimApiFactory.Tenant, null, DateTimeOffset.MinValue, new PageRequest(1, 1000)), CancellationToken.None);
        return page.Tombstones.Any(tombstone => tombstone.Id == id);
    }

    [Fact]
    public async Task Purge_AfterTheRetention_RemovesTheTombstoneAndTheValuesOfItsAuditRecords_AndKeepsNewerOnes()
    {
        using var app = WithFakeClock();
        using var client = Client(app, factory.WriteToken);
        using var admin = Client(app, factory.AdminToken);
        var expiring = await client.CreateUserAsync(ScimHttp.UniqueName("expiring"), ""","title":"Short-lived" """);
        var group = await client.CreateGroupAsync(ScimHttp.UniqueName("g"), expiring.Id());
        await client.DeleteAsync($"/scim/v2/Users/{expiring.Id()}");
        Assert.True(await IsTombstoneAsync(app, expiring.Id()));

        _clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromHours(1));
        var recent = await client.CreateUserAsync(ScimHttp.UniqueName("recent"));
        await client.DeleteAsync($"/scim/v2/Users/{recent.Id()}");
        _clock.Advance(TimeSpan.FromHours(1));

        await WaitForThePurgeAsync(async () => !await IsTombstoneAsync(app, expiring.Id()));
        Assert.True(await IsTombstoneAsync(app, recent.Id()));
        var created = (await admin.AuditOfAsync(expiring.Id())).Single(r => r!["operation"]!.GetValue<string>() == "create")!.AsObject();
        Assert.False(created.ContainsKey("values"), created.ToJsonString());
        Assert.Contains("title", created["changedAttributes"]!.AsArray().Select(name => name!.GetValue<string>()));
        Assert.True((await admin.AuditOfAsync(recent.Id())).Single(r => r!["operation"]!.GetValue<string>() == "create")!.AsObject().ContainsKey("values"));
        await (await admin.RestoreAsync("Users", expiring.Id())).AssertScimErrorAsync(404);
        Assert.Equal(HttpStatusCode.OK, (await admin.RestoreAsync("Users", recent.Id())).StatusCode);
        var members = (await (await client.GetAsync($"/scim/v2/Groups/{group.Id()}")).BodyAsync())["members"] as JsonArray;
        Assert.True(members is null || members.Count == 0);
    }

    [Fact]
    public async Task Restore_AfterTheRetention_Is404EvenBeforeThePurgeRuns()
    {
        using var app = WithFakeClock();
        using var client = Client(app, factory.WriteToken);
        using var admin = Client(app, factory.AdminToken);
        var user = await client.CreateUserAsync(ScimHttp.UniqueName());
        await client.DeleteAsync($"/scim/v2/Users/{user.Id()}");

        _clock.SetUtcNow(_clock.GetUtcNow() + TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));

        await (await admin.RestoreAsync("Users", user.Id())).AssertScimErrorAsync(404);
    }

    // The job waits a purge interval (an hour by default) on the fake clock, but it may start that wait only after
    // the test has moved the clock: then no move so far reaches its timer. Each poll moves the clock an hour on, as
    // time would pass, so that the wait ends whenever it began; 400 polls stay far inside the retention of "recent".
    private async Task WaitForThePurgeAsync(Func<Task<bool>> purged)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await purged())
        {
            Assert.True(DateTime.UtcNow < deadline, "The purge job did not run after the clock passed the retention.");
            await Task.Delay(50);
            _clock.Advance(TimeSpan.FromHours(1));
        }
    }
}
