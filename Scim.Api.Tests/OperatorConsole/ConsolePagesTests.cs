using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Scim.Api.Application.ProvisioningLog;
using Scim.Api.Tests.Endpoints;
using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.OperatorConsole;

/// <summary>
/// What each page shows, read from its HTML: tenants on the overview, a user found by filter, a group's members as
/// links, an audit diff with before and after, a restore, and a failed request in the provisioning log. The browser
/// tests (ConsoleBrowserTests) walk the same pages in Chromium.
/// </summary>
public sealed class ConsolePagesTests : IDisposable
{
    private readonly ScimApiFactory _factory = new ScimApiFactory().WithConsole();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Page(string section) => $"/console/tenants/{ScimApiFactory.Tenant}/{section}";

    public void Dispose() => _factory.Dispose();

    // The identity provider's last request fails (409 uniqueness: the same userName twice), and the log holds it;
    // the userName is returned, to check that the log never shows it.
    private async Task<string> FailACreateAsync()
    {
        using var scim = _factory.CreateScimClient();
        var name = ScimHttp.UniqueName();
        await scim.CreateUserAsync(name);
        await scim.PostAsync("/scim/v2/Users", ScimHttp.Json($$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{name}}"}"""), Ct);
        await FlushLogAsync();
        return name;
    }

    private async Task FlushLogAsync() =>
        await _factory.Services.GetRequiredService<RequestLogWriter>().FlushAsync(Ct);

    [Fact]
    public async Task Overview_ShowsEachTenantWithItsCountsAndCredentials()
    {
        using var scim = _factory.CreateScimClient();
        await scim.CreateUserAsync(ScimHttp.UniqueName());
        using var other = _factory.CreateScimClient(_factory.OtherTenantToken);
        await other.GetAsync("/scim/v2/Users/missing", Ct);
        await FlushLogAsync();
        using var browser = await _factory.SignedInBrowserAsync(_factory.AdminToken);

        var html = await browser.GetStringAsync("/console", Ct);

        Assert.Contains("<h2 id=\"tenant-tenant-a\">tenant-a</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"tenant-tenant-b\">tenant-b</h2>", html, StringComparison.Ordinal);
        Assert.Contains(">writer</a>", html, StringComparison.Ordinal);
        Assert.Contains(">other</a>", html, StringComparison.Ordinal);
        Assert.Contains("class=\"tenant health-healthy\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overview_ShowsAFailingTenantAsFailing()
    {
        await FailACreateAsync();
        using var browser = await _factory.SignedInBrowserAsync(_factory.AdminToken);

        var html = await browser.GetStringAsync("/console", Ct);

        Assert.Contains("class=\"tenant health-failing\"", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"badge health-failing\">Failing</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_AreFoundByAScimFilter_AndABadFilterIs400WithItsReason()
    {
        using var scim = _factory.CreateScimClient();
        var wanted = await scim.CreateUserAsync(ScimHttp.UniqueName("wanted"));
        await scim.CreateUserAsync(ScimHttp.UniqueName("other"));
        using var browser = await _factory.SignedInBrowserAsync(_factory.AdminToken);

        var html = await browser.GetStringAsync($"{Page("users")}?filter={Uri.EscapeDataString("userName sw \"wanted\"")}", Ct);
        var bad = await browser.GetAsync($"{Page("users")}?filter={Uri.EscapeDataString("userName eq")}", Ct);

        Assert.Contains($"href=\"{Page("users")}/{wanted.Id()}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">other-", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("invalidFilter", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGroup_ShowsItsJsonAndItsMembersAsLinks_AndAMemberShowsItsGroups()
    {
        using var scim = _factory.CreateScimClient();
        var user = await scim.CreateUserAsync(ScimHttp.UniqueName());
        var group = await scim.CreateGroupAsync(ScimHttp.UniqueName("group"), user.Id());
        using var browser = await _factory.SignedInBrowserAsync(_factory.AdminToken);

        var groupHtml = await browser.GetStringAsync($"{Page("groups")}/{group.Id()}", Ct);
        var userHtml = await browser.GetStringAsync($"{Page("users")}/{user.Id()}", Ct);

        Assert.Contains("&quot;urn:ietf:params:scim:schemas:core:2.0:Group&quot;", groupHtml, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Page("users")}/{user.Id()}\"", groupHtml, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Page("groups")}/{group.Id()}\"", userHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAuditHistory_ReadsAsADiffOfValues()
    {
        using var scim = _factory.CreateScimClient();
        var user = await scim.CreateUserAsync(ScimHttp.UniqueName(), ",\"title\":\"Analyst\"");
        await scim.PatchAsync($"/scim/v2/Users/{user.Id()}", """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"title","value":"Lead"}]}""");
        using var browser = await _factory.SignedInBrowserAsync(_factory.AdminToken);

        var html = await browser.GetStringAsync($"{Page("users")}/{user.Id()}", Ct);

        var text = WebUtility.HtmlDecode(html);
        Assert.Contains("<del aria-label=\"before\">− Analyst</del>", text, StringComparison.Ordinal);
        Assert.Contains("<ins aria-label=\"after\">+ Lead</ins>", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeletedUser_IsListedAndRestoredByItsForm()
    {
        using var scim = _factory.CreateScimClient();
        var user = await scim.CreateUserAsync(ScimHttp.UniqueName("deleted"));
        await scim.DeleteAsync($"/scim/v2/Users/{user.Id()}", Ct);
        using var browser = await _factory.SignedInBrowserAsync(_factory.AdminToken);
        Assert.Contains(user.Id(), await browser.GetStringAsync(Page("deleted"), Ct), StringComparison.Ordinal);

        var response = await browser.PostFormAsync($"{Page("users")}/{user.Id()}/restore", Page("deleted"));

        Assert.Equal($"{Page("users")}/{user.Id()}?restored=1", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await scim.GetAsync($"/scim/v2/Users/{user.Id()}", Ct)).StatusCode);
        var audit = await _factory.CreateAdminClient().AuditOfAsync(user.Id());
        Assert.Equal(("restore", "console:admin:ops"), ((string)audit[0]!["operation"]!, (string)audit[0]!["credentialId"]!));
    }

    [Fact]
    public async Task TheProvisioningLog_ShowsAFailedRequest_FilteredByStatus()
    {
        var name = await FailACreateAsync();
        using var browser = await _factory.SignedInBrowserAsync(_factory.AdminToken);

        var html = await browser.GetStringAsync($"{Page("log")}?status=4xx", Ct);

        Assert.Contains("<strong>uniqueness</strong>", html, StringComparison.Ordinal);
        Assert.Contains("A User with userName '…' already exists.", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.DoesNotContain(name, html, StringComparison.Ordinal);
        Assert.DoesNotContain(">201<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadLogPosition_Is400()
    {
        using var browser = await _factory.SignedInBrowserAsync(_factory.AdminToken);

        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync($"{Page("log")}?before=nowhere", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync($"{Page("log")}?status=6xx", Ct)).StatusCode);
    }

    [Fact]
    public async Task AResourceThatDoesNotExist_Is404()
    {
        using var browser = await _factory.SignedInBrowserAsync(_factory.AdminToken);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"{Page("users")}/missing", Ct)).StatusCode);
    }
}
