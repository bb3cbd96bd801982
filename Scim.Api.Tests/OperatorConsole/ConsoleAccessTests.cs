using System.Net;
using Scim.Api.Tests.Endpoints;
using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.OperatorConsole;

/// <summary>
/// Who gets in: an admin token pasted into the sign-in form, once, gives a cookie that is HttpOnly, Secure and
/// SameSite=Strict; without it every page leads to the sign-in form; every form that changes something needs its
/// antiforgery token; every console answer carries the console's own Content-Security-Policy.
/// </summary>
public sealed class ConsoleAccessTests : IDisposable
{
    private readonly ScimApiFactory _factory = new ScimApiFactory().WithConsole();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("/console")]
    [InlineData("/console/tenants/tenant-a/users")]
    [InlineData("/console/tenants/tenant-a/log")]
    [InlineData("/console/tenants/tenant-a/events")]
    public async Task APage_WithoutSigningIn_LeadsToTheSignInForm(string page)
    {
        using var browser = _factory.CreateBrowser();

        var response = await browser.GetAsync(page, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/console/signin?returnUrl=", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAdminToken_SignsIn_WithAnHttpOnlySecureStrictCookie()
    {
        using var browser = _factory.CreateBrowser();

        var response = await browser.SignInAsync(_factory.AdminToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/console", response.Headers.Location!.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), value => value.StartsWith("__Host-scim-console=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/console", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("")]
    public async Task AnythingButAnAdminToken_IsRefused(string token)
    {
        using var browser = _factory.CreateBrowser();

        var response = await browser.SignInAsync(token == "" ? _factory.WriteToken : token);

        Assert.Equal("/console/signin?failed=token", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/console", Ct)).StatusCode);
    }

    [Fact]
    public async Task ASignInWithoutTheAntiforgeryToken_IsRefused()
    {
        using var browser = _factory.CreateBrowser();

        var response = await browser.PostAsync("/console/signin", new FormUrlEncodedContent([KeyValuePair.Create("token", _factory.AdminToken)]), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/console", Ct)).StatusCode);
    }

    [Fact]
    public async Task ARestoreWithoutTheAntiforgeryToken_IsRefused_AndRestoresNothing()
    {
        using var scim = _factory.CreateScimClient();
        var user = await scim.CreateUserAsync(ScimHttp.UniqueName());
        await scim.DeleteAsync($"/scim/v2/Users/{user.Id()}", Ct);
        using var browser = await _factory.SignedInBrowserAsync(_factory.AdminToken);

        var response = await browser.PostAsync($"/console/tenants/{ScimApiFactory.Tenant}/users/{user.Id()}/restore", new FormUrlEncodedContent([]), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await scim.GetAsync($"/scim/v2/Users/{user.Id()}", Ct)).StatusCode);
    }

    [Fact]
    public async Task SigningOut_EndsTheSession()
    {
        using var browser = await _factory.SignedInBrowserAsync(_factory.AdminToken);

        var response = await browser.PostFormAsync("/console/signout", "/console");

        Assert.Equal("/console/signin", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/console", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example.com/")]
    [InlineData("//evil.example.com/console")]
    [InlineData("/scim/v2/Users")]
    public async Task AReturnUrlOutsideTheConsole_IsIgnored(string returnUrl)
    {
        using var browser = _factory.CreateBrowser();

        var response = await browser.PostFormAsync("/console/signin", "/console/signin", ("token", _factory.AdminToken), ("returnUrl", returnUrl));

        Assert.Equal("/console", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/console/signin")]
    [InlineData("/console")]
    [InlineData("/console/assets/console.css")]
    public async Task ConsoleAnswers_CarryTheConsolesPolicy_WithNoScriptAndNoInlineStyle(string path)
    {
        using var browser = await _factory.SignedInBrowserAsync(_factory.AdminToken);

        var response = await browser.GetAsync(path, Ct);

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'", policy);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScimAnswers_KeepTheStrictDefaultPolicy()
    {
        using var scim = _factory.CreateScimClient();

        var response = await scim.GetAsync("/scim/v2/Users", Ct);

        Assert.Equal("default-src 'none'; frame-ancestors 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task Pages_HoldNoScriptAndNoInlineStyle()
    {
        using var browser = await _factory.SignedInBrowserAsync(_factory.AdminToken);

        foreach (var page in new[] { "/console", "/console/signin", $"/console/tenants/{ScimApiFactory.Tenant}/users", $"/console/tenants/{ScimApiFactory.Tenant}/log", $"/console/tenants/{ScimApiFactory.Tenant}/events" })
        {
            var html = await browser.GetStringAsync(page, Ct);

            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task TheAdminApiToken_IsNoConsoleCookie_AndTheCookieIsNoAdminApiToken()
    {
        using var admin = _factory.CreateScimClient(_factory.AdminToken);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.GetAsync("/console", Ct)).StatusCode);
        using var browser = await _factory.SignedInBrowserAsync(_factory.AdminToken);

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/admin/v1/audit", Ct)).StatusCode);
    }
}
