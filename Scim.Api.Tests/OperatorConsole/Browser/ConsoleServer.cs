using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Scim.Api.Application.ProvisioningLog;
using Scim.Api.Tests.Endpoints;
using Scim.Api.Tests.Events;
using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.OperatorConsole.Browser;

/// <summary>
/// The service on a real loopback socket (Kestrel on a free port: a browser needs one), with the console on and two
/// tenants seeded through the SCIM API the way identity providers would: tenant-a healthy, tenant-b whose identity
/// provider's last request failed (a duplicate userName). A deleted user waits to be restored; an attribute changed
/// once gives an audit diff. And one Chromium, shared by the tests, each in a browser context of its own.
/// </summary>
public sealed class ConsoleServer : IAsyncLifetime
{
    private ScimApiFactory? _factory;
    private IPlaywright? _playwright;

    public ScimApiFactory Factory => _factory ?? throw new InvalidOperationException("Not started.");

    public IBrowser? Browser { get; private set; }

    public Uri Address { get; private set; } = null!;

    public Seeded Data { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (InstalledChromium.Path is not { } chromium)
        {
            return;
        }

        _factory = new ScimApiFactory().WithConsole();
        _factory.Settings["Scim:ProvisioningLog:FlushInterval"] = "01:00:00";
        foreach (var (key, value) in EventsApi.Fast)
        {
            _factory.Settings[key] = value;
        }

        // The seeded subscription's receiver refuses connections on loopback: it is suspended a second later.
        _factory.Settings["Scim:Events:Delivery:SuspendAfter"] = "00:00:01";
        _factory.Settings["Scim:Events:Delivery:AllowedNetworks:0"] = "127.0.0.0/8";
        _factory.UseKestrel(0);
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        Data = await SeedAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            // Root in a container has no user namespaces for the sandbox; the pages are our own.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    /// <summary>Writes the provisioning log's buffered entries to the store now.</summary>
    public Task FlushLogAsync() => Factory.Services.GetRequiredService<RequestLogWriter>().FlushAsync(CancellationToken.None);

    public HttpClient ScimClient(string token, string userAgent)
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        return client;
    }

    private async Task<Seeded> SeedAsync()
    {
        using var entra = ScimClient(Factory.WriteToken, "Azure AD SCIM Provisioning");
        var people = new[] { ("ada.lovelace", "Ada Lovelace", "Analyst"), ("grace.hopper", "Grace Hopper", "Rear Admiral"), ("alan.turing", "Alan Turing", "Researcher"),
            ("katherine.johnson", "Katherine Johnson", "Mathematician"), ("edsger.dijkstra", "Edsger Dijkstra", "Professor"), ("barbara.liskov", "Barbara Liskov", "Professor") };
        var ids = new Dictionary<string, string>();
        foreach (var (name, display, title) in people)
        {
            var user = await entra.CreateUserAsync($"{name}@contoso.example", $",\"displayName\":\"{display}\",\"title\":\"{title}\",\"active\":true,\"emails\":[{{\"value\":\"{name}@contoso.example\",\"type\":\"work\",\"primary\":true}}]");
            ids[name] = user.Id();
        }

        var engineering = await entra.CreateGroupAsync("Engineering", ids["ada.lovelace"], ids["grace.hopper"], ids["alan.turing"]);
        await entra.CreateGroupAsync("Mathematics", ids["katherine.johnson"], ids["ada.lovelace"]);
        await entra.PatchAsync($"/scim/v2/Users/{ids["ada.lovelace"]}",
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"title","value":"Lead Analyst"}]}""");
        var deleted = await entra.CreateUserAsync("charles.babbage@contoso.example", ",\"displayName\":\"Charles Babbage\"");
        await entra.DeleteAsync($"/scim/v2/Users/{deleted.Id()}");
        await entra.GetAsync($"/scim/v2/Users?filter={Uri.EscapeDataString("userName eq \"grace.hopper@contoso.example\"")}");

        using var okta = ScimClient(Factory.OtherTenantToken, "Okta SCIM Client 1.0");
        await okta.CreateUserAsync("lin.chen@fabrikam.example", ",\"displayName\":\"Lin Chen\"");
        await okta.CreateUserAsync("sam.rivera@fabrikam.example", ",\"displayName\":\"Sam Rivera\"");
        var duplicate = await okta.PostAsync("/scim/v2/Users", ScimHttp.Json(
            """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"lin.chen@fabrikam.example"}"""));
        if ((int)duplicate.StatusCode != 409)
        {
            throw new InvalidOperationException($"The seeded duplicate answered {duplicate.StatusCode}, not 409.");
        }

        await FlushLogAsync();
        return new Seeded(ids["ada.lovelace"], ids["grace.hopper"], engineering.Id(), deleted.Id(), await SuspendedSubscriptionAsync());
    }

    // A webhook subscription of tenant-a to an HTTPS receiver that is not there, left to be suspended.
    private async Task<string> SuspendedSubscriptionAsync()
    {
        using var admin = ScimClient(Factory.AdminToken, "test");
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var created = await admin.PostAsync(EventsApi.SubscriptionsPath(), EventsApi.Json($$"""{"id":"crm-sync","url":"https://127.0.0.1:{{port}}/scim-events"}"""));
        created.EnsureSuccessStatusCode();
        using var entra = ScimClient(Factory.WriteToken, "Azure AD SCIM Provisioning");
        await entra.CreateUserAsync("lise.meitner@contoso.example", ",\"displayName\":\"Lise Meitner\",\"title\":\"Physicist\"");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await admin.GetStringAsync($"{EventsApi.SubscriptionsPath()}/crm-sync")).Contains("\"status\":\"suspended\"", StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("The seeded subscription was not suspended within 30 s.");
            }

            await Task.Delay(100);
        }

        return "crm-sync";
    }

    public sealed record Seeded(string Ada, string Grace, string Engineering, string DeletedUser, string Subscription);
}
