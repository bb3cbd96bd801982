using System.Diagnostics;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Scim.Api.Application;
using Scim.Api.Core.Schema;
using Scim.Api.Hosting.Auth;
using Scim.Api.Hosting.Network;
using Scim.Api.Http;

namespace Scim.Api.Endpoints;

/// <summary>What every handler needs from the HTTP request: the caller's tenant, the base URL, the resource type.</summary>
internal static class ScimRequestContext
{
    public static RequestScope ScopeOf(HttpContext context)
    {
        var user = context.User;
        var tenant = user.FindFirstValue(ScimClaims.Tenant)
            ?? throw new InvalidOperationException("An authenticated SCIM request has no tenant claim.");
        var credential = user.FindFirstValue(ScimClaims.CredentialId) ?? "unknown";
        return new RequestScope(tenant, credential, BaseUrlOf(context), context.TraceIdentifier, TraceIdOf());
    }

    /// <summary>The W3C trace id of the current activity, when the request is traced.</summary>
    public static string? TraceIdOf() => Activity.Current is { } activity ? activity.TraceId.ToHexString() : null;

    /// <summary>
    /// The absolute SCIM base URL for Location, meta.location and $ref: <c>Scim:PublicBaseUrl</c> when configured,
    /// else the request's scheme, host and path base (see <see cref="PublicAddress"/>), then /scim/v2.
    /// </summary>
    public static string BaseUrlOf(HttpContext context) =>
        context.RequestServices.GetRequiredService<PublicAddress>().Of(context.Request) + ScimRoutes.BasePath;

    public static ResourceTypeDefinition ResourceTypeOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<ResourceTypeDefinition>()
        ?? throw new InvalidOperationException("The endpoint has no resource type metadata.");

    public static ScimServiceOptions OptionsOf(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<ScimServiceOptions>>().Value;
}
