using Microsoft.Extensions.Options;

namespace Scim.Api.OperatorConsole;

/// <summary>Refuses to start a console nobody could sign in to, or one any account of an identity provider could.</summary>
internal sealed class ConsoleOptionsValidator : IValidateOptions<ConsoleOptions>
{
    private const string Section = ConsoleOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ConsoleOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (options.SessionLifetime <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:SessionLifetime must be positive (e.g. 08:00:00).");
        }

        if (options.Oidc.IsConfigured && options.Entra.IsConfigured)
        {
            failures.Add($"{Section}:Oidc and {Section}:Entra are both set: configure one identity provider for the console.");
        }

        if (options.Oidc.IsConfigured)
        {
            if (!Uri.TryCreate(options.Oidc.Authority, UriKind.Absolute, out var authority) || authority.Scheme != Uri.UriSchemeHttps)
            {
                failures.Add($"{Section}:Oidc:Authority must be the https URL of the OpenID Connect issuer.");
            }

            if (string.IsNullOrWhiteSpace(options.Oidc.ClientId))
            {
                failures.Add($"{Section}:Oidc:ClientId is missing.");
            }

            if (options.Oidc.AllowedUsers.Count == 0 && string.IsNullOrWhiteSpace(options.Oidc.RequiredRole))
            {
                failures.Add($"{Section}:Oidc needs AllowedUsers:0 or RequiredRole: otherwise every account of the authority could sign in.");
            }
        }

        if (options.Entra.IsConfigured)
        {
            if (string.IsNullOrWhiteSpace(options.Entra.TenantId) || string.IsNullOrWhiteSpace(options.Entra.ClientId))
            {
                failures.Add($"{Section}:Entra needs TenantId and ClientId (the console's app registration).");
            }

            if (options.Entra.AllowedUsers.Count == 0 && string.IsNullOrWhiteSpace(options.Entra.RequiredRole))
            {
                failures.Add($"{Section}:Entra needs AllowedUsers:0 or RequiredRole: otherwise every account of the directory could sign in.");
            }
        }

        if (!options.AdminTokenSignIn && !options.Oidc.IsConfigured && !options.Entra.IsConfigured)
        {
            failures.Add($"{Section}:Enabled is true but nobody can sign in: keep {Section}:AdminTokenSignIn, or configure {Section}:Oidc or {Section}:Entra.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
