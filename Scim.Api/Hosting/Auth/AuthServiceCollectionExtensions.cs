using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Scim.Api.Hosting.Auth;

internal static class AuthServiceCollectionExtensions
{
    /// <summary>The policy scheme every request authenticates with; it forwards to the handler for the token's kind.</summary>
    public const string PolicyScheme = "ScimBearer";

    /// <summary>
    /// Secret tokens, Entra-issued tokens and OIDC access tokens behind one policy scheme; all of them end in the
    /// same <see cref="ScimClaims"/>. Entra directories and OIDC authorities are read from configuration at start
    /// (each is a validator with its own key cache); secret tokens are re-read when the configuration changes.
    /// </summary>
    public static IHostApplicationBuilder AddScimAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ScimAuthOptions>().BindConfiguration(ScimAuthOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ScimAuthOptions>, ScimAuthOptionsValidator>();
        builder.Services.AddSingleton<StaticTokenDirectory>();
        if (builder.Environment.IsDevelopment())
        {
            builder.Services.AddSingleton<IPostConfigureOptions<ScimAuthOptions>, DevelopmentToken>();
        }

        var credentials = builder.Configuration.GetSection(ScimAuthOptions.SectionName).Get<ScimAuthOptions>() ?? new ScimAuthOptions();
        var selector = new BearerSchemeSelector(credentials);
        var authentication = builder.Services.AddAuthentication(PolicyScheme)
            .AddPolicyScheme(PolicyScheme, "SCIM bearer token", policy =>
            {
                policy.ForwardDefaultSelector = selector.Select;
                // One writer for every 401 and 403, whichever handler authenticated.
                policy.ForwardChallenge = StaticTokenAuthenticationHandler.SchemeName;
                policy.ForwardForbid = StaticTokenAuthenticationHandler.SchemeName;
            })
            .AddScheme<AuthenticationSchemeOptions, StaticTokenAuthenticationHandler>(StaticTokenAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, UntrustedTokenHandler>(UntrustedTokenHandler.SchemeName, null);
        if (credentials.Entra.Tenants.Count > 0)
        {
            EntraAuthentication.Add(authentication, credentials.Entra);
        }

        OidcAuthentication.Add(authentication, credentials.Oidc);

        // Microsoft.Identity.Web bridges IdentityModel's own log into ILogger, where every refused token is an Error.
        // A bad token is the caller's mistake and the JWT handler already logs it at Information, so this category is
        // quiet by default; inserted first, so "Logging:LogLevel:Microsoft.IdentityModel" in configuration still wins.
        builder.Services.Configure<LoggerFilterOptions>(filters =>
            filters.Rules.Insert(0, new LoggerFilterRule(null, "Microsoft.IdentityModel", LogLevel.Critical, null)));

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ScimPolicies.Read, policy => policy.RequireAuthenticatedUser()
                .RequireClaim(ScimClaims.Tenant).RequireClaim(ScimClaims.Scope, ScimClaims.ReadScope))
            .AddPolicy(ScimPolicies.Write, policy => policy.RequireAuthenticatedUser()
                .RequireClaim(ScimClaims.Tenant).RequireClaim(ScimClaims.Scope, ScimClaims.WriteScope));
        return builder;
    }
}
