using Scim.Api.Application;
using Scim.Api.Application.Bulk;
using Scim.Api.Core.Schema;
using Scim.Api.Hosting.Auth;
using Scim.Api.Hosting.Cursors;
using Scim.Api.Hosting.Network;
using Scim.Api.Hosting.RateLimiting;
using Scim.Api.Hosting.Security;

namespace Scim.Api.Hosting;

public static class ScimServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SCIM protocol services: options, the schema registry, the pipeline, errors, trusted proxies and the
    /// public base URL, credentials, per-tenant rate limits, request limits and log privacy.
    /// </summary>
    public static IHostApplicationBuilder AddScim(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ScimServiceOptions>().BindConfiguration(ScimServiceOptions.SectionName)
            .Validate(o => o.MaxResults > 0, "Scim:MaxResults must be a positive number.")
            .Validate(o => o.MaxPayloadBytes >= 1024, "Scim:MaxPayloadBytes must be at least 1024.")
            .Validate(o => o.MaxPatchOperations > 0, "Scim:MaxPatchOperations must be a positive number.")
            .Validate(o => o.MaxMembersPerRequest > 0, "Scim:MaxMembersPerRequest must be a positive number.")
            .Validate(o => o.MaxMembersPerResponse > 0, "Scim:MaxMembersPerResponse must be a positive number.")
            .Validate(o => o.BulkMaxOperations > 0, "Scim:BulkMaxOperations must be a positive number.")
            .Validate(o => o.BulkMaxPayloadBytes >= 1024, "Scim:BulkMaxPayloadBytes must be at least 1024.")
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddScimCursors();
        builder.Services.AddSingleton(provider =>
            SchemaLoader.LoadWithCustomTypes(provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<ScimServiceOptions>>().Value.SchemaFolder));
        builder.Services.AddSingleton<PasswordHashing>();
        builder.Services.AddSingleton<ResourcePipeline>();
        builder.Services.AddSingleton<ResourceSearch>();
        builder.Services.AddSingleton<BulkExecutor>();
        builder.Services.AddExceptionHandler<ScimExceptionHandler>();
        builder.Services.AddProblemDetails();

        builder.AddScimNetworkEdges();
        builder.AddScimAuthentication();
        builder.AddScimRateLimiting();
        builder.AddScimRequestLimits();
        builder.AddScimLogPrivacy();
        return builder;
    }

    /// <summary>
    /// The middleware, in order: security headers (on every response), forwarded headers (from trusted proxies only),
    /// errors, status pages, request timeouts, authentication, the per-tenant rate limiter (it needs the tenant),
    /// authorization.
    /// </summary>
    public static WebApplication UseScim(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseScimForwardedHeaders();

        app.UseExceptionHandler();
        app.UseStatusCodePages(ScimStatusCodePages.WriteAsync);
        app.UseRequestTimeouts();
        app.UseAuthentication();
        app.UseScimTenantLimits();
        app.UseAuthorization();
        return app;
    }
}
