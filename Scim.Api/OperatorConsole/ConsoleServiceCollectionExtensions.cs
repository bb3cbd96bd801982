using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;
using Scim.Api.Core.Storage;
using Scim.Api.Hosting.Admin;
using Scim.Api.OperatorConsole.Auth;
using Scim.Api.OperatorConsole.Data;
using Scim.Api.OperatorConsole.Security;
using Scim.Api.Storage;

namespace Scim.Api.OperatorConsole;

public static class ConsoleServiceCollectionExtensions
{
    /// <summary>
    /// The operator console (<c>Scim:Console</c>): server-rendered Razor components without interactivity, its cookie
    /// (keys shared by every replica), the admin-token sign-in, OpenID Connect when configured, antiforgery, and the
    /// guard that keeps it off every port but the admin port. Nothing is registered while it is off.
    /// </summary>
    public static IHostApplicationBuilder AddScimConsole(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ConsoleOptions>, ConsoleOptionsValidator>();
        var options = builder.Configuration.GetSection(ConsoleOptions.SectionName).Get<ConsoleOptions>() ?? new ConsoleOptions();
        if (!options.Enabled)
        {
            return builder;
        }

        builder.Services.AddRazorComponents();
        builder.Services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = ConsoleAuthentication.AntiforgeryCookieName;
            antiforgery.Cookie.HttpOnly = true;
            // Secure is set on every cookie by the cookie policy (ConsoleStartupFilter): antiforgery's own Always would
            // refuse plain-HTTP requests outright, also from localhost (kubectl port-forward), where browsers keep
            // Secure cookies.
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.Path = "/";
        });
        AddKeyRing(builder, options);
        AddAuthentication(builder, options);
        builder.Services.AddTransient<IStartupFilter, ConsoleStartupFilter>();
        builder.Services.AddSingleton<TenantOverview>();
        builder.Services.AddSingleton<ResourceBrowser>();
        builder.Services.AddSingleton<AuditHistory>();
        builder.Services.AddSingleton<EventDelivery>();
        return builder;
    }

    /// <summary>Antiforgery for the console's forms; after authentication, as the tokens are bound to the operator.</summary>
    public static WebApplication UseScimConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<IOptions<ConsoleOptions>>().Value.Enabled)
        {
            app.UseAntiforgery();
        }

        return app;
    }

    // Directory when configured (a volume every replica mounts), else the store, which every replica shares already.
    private static void AddKeyRing(IHostApplicationBuilder builder, ConsoleOptions options)
    {
        var protection = builder.Services.AddDataProtection().SetApplicationName("scim-console");
        if (!string.IsNullOrWhiteSpace(options.KeysDirectory))
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(options.KeysDirectory));
            return;
        }

        builder.Services.AddOptions<KeyManagementOptions>().Configure<IKeyRingStore, IStoreLifecycle>(
            (keys, store, lifecycle) => keys.XmlRepository = new ConsoleKeyRing(store, lifecycle));
    }

    private static void AddAuthentication(IHostApplicationBuilder builder, ConsoleOptions options)
    {
        var authentication = builder.Services.AddAuthentication();
        if (options.Entra.IsConfigured)
        {
            var entra = options.Entra;
            authentication.AddMicrosoftIdentityWebApp(
                identity =>
                {
                    identity.Instance = entra.Instance;
                    identity.TenantId = entra.TenantId;
                    identity.ClientId = entra.ClientId;
                    identity.ClientSecret = entra.ClientSecret;
                    identity.CallbackPath = ConsoleAuthentication.OidcCallbackPath;
                    identity.ResponseType = "code";
                    identity.UsePkce = true;
                    identity.MapInboundClaims = false;
                },
                cookie => ConfigureCookie(cookie, options),
                ConsoleAuthentication.OidcScheme,
                ConsoleAuthentication.CookieScheme);
            builder.Services.PostConfigure<OpenIdConnectOptions>(ConsoleAuthentication.OidcScheme, oidc =>
                ConsoleOidcEvents.Attach(oidc, entra.AllowedUsers, entra.RequiredRole));
        }
        else
        {
            authentication.AddCookie(ConsoleAuthentication.CookieScheme, cookie => ConfigureCookie(cookie, options));
        }

        if (options.Oidc.IsConfigured)
        {
            var configured = options.Oidc;
            authentication.AddOpenIdConnect(ConsoleAuthentication.OidcScheme, configured.DisplayName, oidc =>
            {
                oidc.Authority = configured.Authority;
                oidc.ClientId = configured.ClientId;
                oidc.ClientSecret = configured.ClientSecret;
                oidc.ResponseType = "code";
                oidc.UsePkce = true;
                oidc.MapInboundClaims = false;
                oidc.SaveTokens = false;
                oidc.Scope.Add("email");
                oidc.CallbackPath = ConsoleAuthentication.OidcCallbackPath;
                oidc.SignInScheme = ConsoleAuthentication.CookieScheme;
                ConsoleOidcEvents.Attach(oidc, configured.AllowedUsers, configured.RequiredRole);
            });
        }

        builder.Services.AddAuthorizationBuilder().AddPolicy(ConsoleAuthentication.Policy, policy => policy
            .AddAuthenticationSchemes(ConsoleAuthentication.CookieScheme)
            .RequireAuthenticatedUser()
            .RequireClaim(ConsoleAuthentication.OperatorClaim));
    }

    private static void ConfigureCookie(CookieAuthenticationOptions cookie, ConsoleOptions options)
    {
        cookie.Cookie.Name = ConsoleAuthentication.CookieName;
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        cookie.Cookie.SameSite = SameSiteMode.Strict;
        cookie.Cookie.Path = "/";
        cookie.LoginPath = ConsoleAuthentication.SignInPath;
        cookie.AccessDeniedPath = ConsoleAuthentication.SignInPath;
        cookie.LogoutPath = ConsoleAuthentication.SignOutPath;
        cookie.ReturnUrlParameter = "returnUrl";
        cookie.ExpireTimeSpan = options.SessionLifetime;
        cookie.SlidingExpiration = true;
    }

    // First in the pipeline: the port guard (before the authentication middleware, which answers the OpenID Connect
    // callback), and a cookie policy that makes every cookie Secure and HttpOnly.
    private sealed class ConsoleStartupFilter(IOptions<AdminPortOptions> port) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            if (port.Value.Port is { } adminPort)
            {
                app.UseMiddleware<ConsolePortGuard>(adminPort);
            }

            app.UseCookiePolicy(new CookiePolicyOptions
            {
                Secure = CookieSecurePolicy.Always,
                HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.Always,
            });
            next(app);
        };
    }
}
