namespace Scim.Api.OperatorConsole.Security;

/// <summary>
/// With <c>Scim:Admin:Port</c> set, the console does not exist on any other port: a request for /console (the pages,
/// the sign-in form, the OpenID Connect callback, which the authentication middleware would otherwise answer on any
/// port) arriving on another local port is answered 404 before anything else reads it. The endpoints carry the same
/// rule (RequireLocalPort); this covers what is not an endpoint.
/// </summary>
internal sealed class ConsolePortGuard(RequestDelegate next, int adminPort)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Connection.LocalPort != adminPort && ConsoleRoutes.IsConsolePath(context.Request.Path))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return next(context);
    }
}
