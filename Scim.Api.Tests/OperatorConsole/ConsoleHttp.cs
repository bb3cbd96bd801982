using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Scim.Api.Tests.Endpoints;
using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.OperatorConsole;

/// <summary>The console as a browser without script uses it: GET a page, read its form's antiforgery token, POST the form.</summary>
internal static partial class ConsoleHttp
{
    /// <summary>A service with the console on, the provisioning log written at once, and audit values recorded.</summary>
    public static ScimApiFactory WithConsole(this ScimApiFactory factory)
    {
        factory.Settings["Scim:Console:Enabled"] = "true";
        factory.Settings["Scim:Audit:IncludeValues"] = "true";
        factory.Settings["Scim:ProvisioningLog:FlushInterval"] = "00:00:00";
        return factory;
    }

    /// <summary>A cookie-keeping client over HTTPS (the console's cookies are Secure), not following redirects.</summary>
    public static HttpClient CreateBrowser(this WebApplicationFactory<Program> factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<string> AntiforgeryTokenAsync(this HttpClient browser, string page)
    {
        var html = await browser.GetStringAsync(page);
        return AntiforgeryField().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups["token"].Value)
            : throw new InvalidOperationException($"{page} has no antiforgery token: {html}");
    }

    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient browser, string action, string tokenFrom, params (string Name, string Value)[] fields)
    {
        var token = await browser.AntiforgeryTokenAsync(tokenFrom);
        return await browser.PostAsync(action, new FormUrlEncodedContent(
            fields.Select(field => KeyValuePair.Create(field.Name, field.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token))));
    }

    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient browser, string token) =>
        await browser.PostFormAsync("/console/signin", "/console/signin", ("token", token));

    public static async Task<HttpClient> SignedInBrowserAsync(this WebApplicationFactory<Program> factory, string adminToken)
    {
        var browser = factory.CreateBrowser();
        var response = await browser.SignInAsync(adminToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
