using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Scim.Api.Hosting.Lifecycle;
using Scim.Api.Storage;

namespace Scim.Api.Hosting;

public static class HealthEndpoints
{
    public const string BasePath = "/health";
    public const string LivePath = BasePath + "/live";
    public const string ReadyPath = BasePath + "/ready";
    public const string StoreCheckName = "store";
    public const string ShutdownCheckName = "shutdown";

    private const string ReadyTag = "ready";

    public static IHostApplicationBuilder AddScimHealth(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<ShutdownState>();
        builder.Services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>(StoreCheckName, tags: [ReadyTag])
            .AddCheck<ShutdownHealthCheck>(ShutdownCheckName, tags: [ReadyTag]);
        return builder;
    }

    /// <summary>
    /// <c>/health/live</c>: the process answers (no check runs). <c>/health/ready</c>: the store is initialized and
    /// reachable, and the service is not shutting down. Both are anonymous and left out of tracing.
    /// </summary>
    public static IEndpointRouteBuilder MapScimHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }).AllowAnonymous();
        return app;
    }
}
