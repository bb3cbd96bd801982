using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Scim.Api.Hosting.Auth;

/// <summary>
/// The events every JWT scheme shares: a refusal gets a detail a person can act on, and a refusal that is the
/// service's own trouble (the authority's keys could not be read) is logged as a warning for the operator.
/// </summary>
internal static partial class JwtEvents
{
    public static JwtBearerEvents Create(Action<TokenValidatedContext> mapToTenant) => new()
    {
        OnTokenValidated = context =>
        {
            mapToTenant(context);
            return Task.CompletedTask;
        },
        OnAuthenticationFailed = context =>
        {
            if (JwtFailures.IsServiceSide(context.Exception))
            {
                LogKeysUnavailable(context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(JwtEvents)),
                    context.Scheme.Name, context.Exception);
            }

            context.Fail(JwtFailures.Describe(context.Exception));
            return Task.CompletedTask;
        },
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tokens of {Scheme} cannot be validated: the authority's signing keys are not available")]
    private static partial void LogKeysUnavailable(ILogger logger, string scheme, Exception exception);
}
