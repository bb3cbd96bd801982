using System.Security.Claims;
using Scim.Api.Application;
using Scim.Api.Hosting.Network;
using Scim.Api.OperatorConsole.Auth;

namespace Scim.Api.OperatorConsole.Data;

/// <summary>
/// A console request as the pipeline sees it: the tenant the page is about, the operator as the credential the audit
/// trail names (<c>console:admin:ops</c>, <c>console:oidc:ada@example.com</c>), and the SCIM base URL links are made of.
/// </summary>
internal static class ConsoleScope
{
    public const string ScimBasePath = "/scim/v2";

    public static RequestScope For(HttpContext context, string tenant)
    {
        ArgumentNullException.ThrowIfNull(context);
        var operatorName = context.User.FindFirstValue(ConsoleAuthentication.OperatorClaim) ?? "unknown";
        var baseUrl = context.RequestServices.GetRequiredService<PublicAddress>().Of(context.Request) + ScimBasePath;
        return new RequestScope(tenant, $"console:{operatorName}", baseUrl, context.TraceIdentifier, System.Diagnostics.Activity.Current?.TraceId.ToHexString());
    }
}
