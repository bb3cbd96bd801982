using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Scim.Api.Storage;

namespace Scim.Api.Hosting;

public static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static IHostApplicationBuilder AddScimHealth(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: [ReadyTag]);
        return builder;
    }

    /// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: the store is initialized and reachable.</summary>
    public static IEndpointRouteBuilder MapScimHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }).AllowAnonymous();
        return app;
    }
}
