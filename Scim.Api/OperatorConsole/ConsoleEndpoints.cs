using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Scim.Api.Application;
using Scim.Api.Application.Events;
using Scim.Api.Core.Errors;
using Scim.Api.Hosting.Admin;
using Scim.Api.Hosting.Network;
using Scim.Api.Hosting.Security;
using Scim.Api.OperatorConsole.Auth;
using Scim.Api.OperatorConsole.Components;
using Scim.Api.OperatorConsole.Data;
using Scim.Api.OperatorConsole.Security;

namespace Scim.Api.OperatorConsole;

/// <summary>
/// The root URL, and, when the console is on, its pages (Razor components rendered on the server, no interactivity),
/// its stylesheet, the sign-in and sign-out forms, the OpenID Connect round trip and the restore form. Everything but
/// the sign-in needs an operator's cookie; every form that changes something carries an antiforgery token; with an
/// admin port every endpoint is bound to it.
/// </summary>
public static class ConsoleEndpoints
{
    public const string DisabledText =
        "This is a SCIM 2.0 service. The SCIM API is at /scim/v2 (start with /scim/v2/ServiceProviderConfig); "
        + "see the README for how to get a token. The operator console is off (Scim:Console:Enabled) or served on the admin port.\n";

    public static WebApplication MapScimConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<ConsoleOptions>>().Value;
        var adminPort = app.Services.GetRequiredService<IOptions<AdminPortOptions>>().Value.Port;
        app.MapGet("/", (HttpContext context) => options.Enabled && (adminPort is null || context.Connection.LocalPort == adminPort)
                ? Results.Redirect(ConsoleRoutes.Root)
                : Results.Text(DisabledText, "text/plain; charset=utf-8"))
            .AllowAnonymous()
            .ExcludeFromDescription();
        if (!options.Enabled)
        {
            return app;
        }

        var policy = new ContentSecurityPolicyMetadata(ConsoleSecurityPolicy.Value);
        var endpoints = new List<IEndpointConventionBuilder>
        {
            app.MapGet($"{ConsoleRoutes.Assets}/{{file}}", ConsoleAssets.Serve).AllowAnonymous(),
            app.MapPost(ConsoleAuthentication.SignInPath, SignInAsync).AllowAnonymous().WithMetadata(new RequireAntiforgeryTokenAttribute()),
            app.MapGet(ConsoleAuthentication.SignedInPath, SignedIn).AllowAnonymous(),
            app.MapPost(ConsoleAuthentication.SignOutPath, (Delegate)SignOutAsync).RequireAuthorization(ConsoleAuthentication.Policy).WithMetadata(new RequireAntiforgeryTokenAttribute()),
            app.MapPost($"{ConsoleRoutes.Root}/tenants/{{tenant}}/{{kind}}/{{id}}/restore", RestoreAsync)
                .RequireAuthorization(ConsoleAuthentication.Policy).WithMetadata(new RequireAntiforgeryTokenAttribute()),
            app.MapPost($"{ConsoleRoutes.Root}/tenants/{{tenant}}/events/subscriptions/{{id}}/resume", ResumeAsync)
                .RequireAuthorization(ConsoleAuthentication.Policy).WithMetadata(new RequireAntiforgeryTokenAttribute()),
            app.MapRazorComponents<ConsoleApp>().RequireAuthorization(ConsoleAuthentication.Policy),
        };
        if (options.Oidc.IsConfigured || options.Entra.IsConfigured)
        {
            endpoints.Add(app.MapGet(ConsoleAuthentication.OidcSignInPath, () => Results.Challenge(
                new AuthenticationProperties { RedirectUri = ConsoleAuthentication.SignedInPath }, [ConsoleAuthentication.OidcScheme])).AllowAnonymous());
        }

        foreach (var endpoint in endpoints)
        {
            endpoint.WithMetadata(policy);
            if (adminPort is { } port)
            {
                endpoint.RequireLocalPort(port);
            }
        }

        return app;
    }

    private static async Task<IResult> SignInAsync(
        HttpContext context, [FromForm(Name = "token")] string? token, [FromForm(Name = "returnUrl")] string? returnUrl,
        IOptionsMonitor<AdminTokenOptions> adminTokens, IOptions<ConsoleOptions> options)
    {
        if (!await IsValidFormAsync(context))
        {
            return Results.BadRequest();
        }

        var match = options.Value.AdminTokenSignIn ? AdminTokens.Match(adminTokens.CurrentValue.Tokens, token?.Trim()) : null;
        if (match?.Id is null)
        {
            return Results.Redirect($"{ConsoleAuthentication.SignInPath}?failed=token", preserveMethod: false);
        }

        var identity = new ClaimsIdentity(
            [new Claim(ConsoleAuthentication.OperatorClaim, AdminAuthorization.AuditCredentialId(match.Id)), new Claim(ClaimTypes.Name, match.Id)],
            ConsoleAuthentication.CookieScheme);
        await context.SignInAsync(ConsoleAuthentication.CookieScheme, new ClaimsPrincipal(identity));
        return Results.Redirect(LocalOrRoot(returnUrl));
    }

    private static async Task<IResult> SignOutAsync(HttpContext context)
    {
        if (!await IsValidFormAsync(context))
        {
            return Results.BadRequest();
        }

        await context.SignOutAsync(ConsoleAuthentication.CookieScheme);
        return Results.Redirect(ConsoleAuthentication.SignInPath);
    }

    // The end of an OpenID Connect sign-in: a page of our own, whose refresh is a same-site navigation that carries the
    // SameSite=Strict cookie the redirect from the identity provider could not.
    private static IResult SignedIn() => Results.Content(
        """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=/console">
        <title>Signed in — Scim console</title><link rel="stylesheet" href="/console/assets/console.css"></head>
        <body><main><p>Signed in. <a href="/console">Continue to the console</a>.</p></main></body></html>
        """,
        "text/html; charset=utf-8");

    private static async Task<IResult> RestoreAsync(
        HttpContext context, string tenant, string kind, string id, ResourceBrowser browser, ResourcePipeline pipeline)
    {
        if (!await IsValidFormAsync(context))
        {
            return Results.BadRequest();
        }

        var type = browser.TypeOf(kind);
        var page = ConsoleRoutes.Resource(tenant, type.Endpoint, id);
        try
        {
            await pipeline.RestoreAsync(ConsoleScope.For(context, tenant), type, id, context.RequestAborted);
            return Results.Redirect($"{page}?restored=1");
        }
        catch (ScimException refused) when (refused.Status is 404 or 409)
        {
            return Results.Redirect($"{page}?restoreFailed={refused.Status}");
        }
    }

    private static async Task<IResult> ResumeAsync(
        HttpContext context, string tenant, string id, SubscriptionAdministration subscriptions, ILoggerFactory loggers)
    {
        if (!await IsValidFormAsync(context))
        {
            return Results.BadRequest();
        }

        var page = ConsoleRoutes.Events(tenant);
        try
        {
            await subscriptions.ResumeAsync(tenant, id, context.RequestAborted);
            ConsoleLog.SubscriptionResumed(loggers.CreateLogger(typeof(ConsoleEndpoints)), tenant, id, ConsoleScope.For(context, tenant).CredentialId);
            return Results.Redirect($"{page}?resumed={Uri.EscapeDataString(id)}");
        }
        catch (ScimException refused) when (refused.Status == 404)
        {
            return Results.Redirect($"{page}?resumeFailed=404");
        }
    }

    // The antiforgery middleware validated the form's token (and cookie) already; this reads its verdict.
    private static async Task<bool> IsValidFormAsync(HttpContext context)
    {
        if (context.Features.Get<IAntiforgeryValidationFeature>() is { } feature)
        {
            return feature.IsValid;
        }

        return await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context);
    }

    private static string LocalOrRoot(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith(ConsoleRoutes.Root, StringComparison.Ordinal)
        && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.Contains('\\', StringComparison.Ordinal)
            ? returnUrl
            : ConsoleRoutes.Root;
}
