using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Scim.Api.Hosting.Network;

public static class LocalPortEndpoints
{
    /// <summary>Registers the routing policy that honours <see cref="RequireLocalPort{TBuilder}"/>.</summary>
    public static IServiceCollection AddLocalPortRouting(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, LocalPortMatcherPolicy>());
        return services;
    }

    /// <summary>Serves the endpoints only to connections that arrived on <paramref name="port"/> of this server.</summary>
    public static TBuilder RequireLocalPort<TBuilder>(this TBuilder builder, int port)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new LocalPortMetadata(port));
}
