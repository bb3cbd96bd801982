using Microsoft.AspNetCore.Routing.Matching;

namespace Scim.Api.Hosting.Network;

/// <summary>
/// Drops an endpoint carrying <see cref="LocalPortMetadata"/> from the candidates of a request whose connection
/// arrived on another local port, so that request is answered 404 as if the route did not exist. The port is the
/// socket's (<c>HttpContext.Connection.LocalPort</c>), which no header can change; a Host match (RequireHost) would
/// not do, since any client through the ingress can send <c>Host: x:9464</c>.
/// </summary>
internal sealed class LocalPortMatcherPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) =>
        endpoints.Any(e => e.Metadata.GetMetadata<LocalPortMetadata>() is not null);

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var arrivedOn = httpContext.Connection.LocalPort;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates.IsValidCandidate(i) && candidates[i].Endpoint.Metadata.GetMetadata<LocalPortMetadata>() is { } required
                && required.Port != arrivedOn)
            {
                candidates.SetValidity(i, false);
            }
        }

        return Task.CompletedTask;
    }
}
