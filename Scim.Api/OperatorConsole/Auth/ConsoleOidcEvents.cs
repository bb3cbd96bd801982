using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace Scim.Api.OperatorConsole.Auth;

/// <summary>
/// What the console adds to an OpenID Connect sign-in: only operators get in (<see cref="OperatorAccess"/>), their
/// identity gets the operator claim, and every sign-in ends on <see cref="ConsoleAuthentication.SignedInPath"/>, a page
/// of the console that moves on to the overview: the SameSite=Strict cookie is not sent on the redirect that comes
/// back from the identity provider, and is on a navigation the console's own page starts.
/// </summary>
internal static class ConsoleOidcEvents
{
    public static void Attach(OpenIdConnectOptions oidc, IReadOnlyCollection<string> allowedUsers, string? requiredRole)
    {
        ArgumentNullException.ThrowIfNull(oidc);
        oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.Always;
        oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.Always;
        var previousValidated = oidc.Events.OnTokenValidated;
        oidc.Events.OnTokenValidated = async context =>
        {
            await previousValidated(context);
            if (context.Principal?.Identity is not ClaimsIdentity identity)
            {
                context.Fail("The identity provider returned no identity.");
                return;
            }

            var operatorName = OperatorAccess.OperatorOf(context.Principal, allowedUsers, requiredRole);
            if (operatorName is null)
            {
                context.Fail("This account is not an operator of the console.");
                return;
            }

            identity.AddClaim(new Claim(ConsoleAuthentication.OperatorClaim, operatorName));
            context.Properties!.RedirectUri = ConsoleAuthentication.SignedInPath;
        };
        var previousFailure = oidc.Events.OnRemoteFailure;
        oidc.Events.OnRemoteFailure = async context =>
        {
            await previousFailure(context);
            context.Response.Redirect($"{ConsoleAuthentication.SignInPath}?failed=oidc");
            context.HandleResponse();
        };
    }
}
