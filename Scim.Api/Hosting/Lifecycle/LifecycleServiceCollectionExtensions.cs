using Microsoft.Extensions.DependencyInjection.Extensions;
using Scim.Api.Application;

namespace Scim.Api.Hosting.Lifecycle;

public static class LifecycleServiceCollectionExtensions
{
    /// <summary>
    /// Graceful shutdown: the host's ShutdownTimeout from <c>Scim:ShutdownTimeoutSeconds</c> (Kestrel stops accepting
    /// connections and waits that long for in-flight requests), preceded by the optional not-ready delay
    /// <c>Scim:ShutdownDelaySeconds</c>.
    /// </summary>
    public static IHostApplicationBuilder AddScimLifecycle(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ShutdownOptions>().BindConfiguration(ScimServiceOptions.SectionName)
            .Validate(o => o.ShutdownTimeoutSeconds > 0, "Scim:ShutdownTimeoutSeconds must be a positive number of seconds.")
            .Validate(o => o.ShutdownDelaySeconds >= 0, "Scim:ShutdownDelaySeconds must not be negative.")
            .Validate(o => o.ShutdownDelaySeconds < o.ShutdownTimeoutSeconds,
                "Scim:ShutdownDelaySeconds must be shorter than Scim:ShutdownTimeoutSeconds, which includes it.")
            .ValidateOnStart();
        builder.Services.AddOptions<HostOptions>().Configure<Microsoft.Extensions.Options.IOptions<ShutdownOptions>>(
            (host, shutdown) => host.ShutdownTimeout = TimeSpan.FromSeconds(shutdown.Value.ShutdownTimeoutSeconds));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<ShutdownState>();
        builder.Services.AddHostedService<ShutdownDelay>();
        return builder;
    }
}
