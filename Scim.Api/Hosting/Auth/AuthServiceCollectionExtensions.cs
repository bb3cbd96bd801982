using Microsoft.Extensions.Options;

namespace Scim.Api.Hosting.Auth;

internal static class AuthServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddScimAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StaticTokenOptions>().BindConfiguration(StaticTokenOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<StaticTokenOptions>, StaticTokenOptionsValidator>();
        if (builder.Environment.IsDevelopment())
        {
            builder.Services.AddSingleton<IPostConfigureOptions<StaticTokenOptions>, DevelopmentToken>();
        }

        builder.Services.AddAuthentication(StaticTokenAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, StaticTokenAuthenticationHandler>(
                StaticTokenAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ScimPolicies.Read, policy => policy.RequireAuthenticatedUser().RequireClaim(ScimClaims.Tenant))
            .AddPolicy(ScimPolicies.Write, policy => policy.RequireAuthenticatedUser().RequireClaim(ScimClaims.Scope, ScimClaims.WriteScope));
        return builder;
    }
}
