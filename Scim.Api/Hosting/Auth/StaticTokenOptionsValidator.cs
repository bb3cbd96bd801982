using Microsoft.Extensions.Options;

namespace Scim.Api.Hosting.Auth;

/// <summary>Refuses to start with no credential or a malformed one, naming the configuration key to fix.</summary>
internal sealed class StaticTokenOptionsValidator : IValidateOptions<StaticTokenOptions>
{
    public ValidateOptionsResult Validate(string? name, StaticTokenOptions options)
    {
        if (options.Tokens.Count == 0)
        {
            return ValidateOptionsResult.Fail(
                "No SCIM credential is configured. Set Scim:Auth:Tokens:0:Tenant and Scim:Auth:Tokens:0:Hash " +
                "(environment: Scim__Auth__Tokens__0__Tenant, Scim__Auth__Tokens__0__Hash); see README 'Credentials'.");
        }

        var failures = new List<string>();
        for (var i = 0; i < options.Tokens.Count; i++)
        {
            var token = options.Tokens[i];
            if (string.IsNullOrWhiteSpace(token.Tenant))
            {
                failures.Add($"Scim:Auth:Tokens:{i}:Tenant is missing: every token belongs to exactly one tenant.");
            }

            if (!TokenHash.TryDecode(token.Hash, out _))
            {
                failures.Add($"Scim:Auth:Tokens:{i}:Hash must be 'sha256:' followed by 64 hex digits (the SHA-256 of the token).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
